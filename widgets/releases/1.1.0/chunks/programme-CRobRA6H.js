import{c as e,i as t,l as n,n as r,o as i,r as a,s as o,t as s,u as c}from"./theme-CWmiRGaj.js";import{a as l,n as u,o as d,r as f}from"./plan-text-al-4ffxs.js";var{I:p}=e,m=e=>e.strings===void 0,h={ATTRIBUTE:1,CHILD:2,PROPERTY:3,BOOLEAN_ATTRIBUTE:4,EVENT:5,ELEMENT:6},g=e=>(...t)=>({_$litDirective$:e,values:t}),_=class{constructor(e){}get _$AU(){return this._$AM._$AU}_$AT(e,t,n){this._$Ct=e,this._$AM=t,this._$Ci=n}_$AS(e,t){return this.update(e,t)}update(e,t){return this.render(...t)}},v=(e,t)=>{let n=e._$AN;if(n===void 0)return!1;for(let e of n)e._$AO?.(t,!1),v(e,t);return!0},y=e=>{let t,n;do{if((t=e._$AM)===void 0)break;n=t._$AN,n.delete(e),e=t}while(n?.size===0)},b=e=>{for(let t;t=e._$AM;e=t){let n=t._$AN;if(n===void 0)t._$AN=n=/* @__PURE__ */ new Set;else if(n.has(e))break;n.add(e),C(t)}};function x(e){this._$AN===void 0?this._$AM=e:(y(this),this._$AM=e,b(this))}function S(e,t=!1,n=0){let r=this._$AH,i=this._$AN;if(i!==void 0&&i.size!==0){if(t){if(Array.isArray(r))for(let e=n;e<r.length;e++)v(r[e],!1),y(r[e]);else r!=null&&(v(r,!1),y(r))}else v(this,e)}}var C=e=>{e.type==h.CHILD&&(e._$AP??=S,e._$AQ??=x)},w=class extends _{constructor(){super(...arguments),this._$AN=void 0}_$AT(e,t,n){super._$AT(e,t,n),b(this),this.isConnected=e._$AU}_$AO(e,t=!0){e!==this.isConnected&&(this.isConnected=e,e?this.reconnected?.():this.disconnected?.()),t&&(v(this,e),y(this))}setValue(e){if(m(this._$Ct))this._$Ct._$AI(e,this);else{let t=[...this._$Ct._$AH];t[this._$Ci]=e,this._$Ct._$AI(t,this,0)}}disconnected(){}reconnected(){}},T=/* @__PURE__ */ new WeakMap,E=g(class extends w{render(e){return i}update(e,[t]){let n=t!==this.G;return n&&this.rt(void 0),(n||this.lt!==this.ct)&&(this.G=t,this.ht=e.options?.host,this.rt(this.ct=e.element)),i}rt(e){if(this.G!==void 0){if(this.isConnected||(e=void 0),typeof this.G==`function`){let t=this.ht??globalThis,n=T.get(t);n===void 0&&(n=/* @__PURE__ */ new WeakMap,T.set(t,n)),n.get(this.G)!==void 0&&this.G.call(this.ht,void 0),n.set(this.G,e),e!==void 0&&this.G.call(this.ht,e)}else this.G.value=e}}get lt(){return typeof this.G==`function`?T.get(this.ht??globalThis)?.get(this.G):this.G?.value}disconnected(){this.lt===this.ct&&this.rt(void 0)}reconnected(){this.rt(this.ct)}}),D=`query ProgrammePlan($key: String, $id: ID) {
  programme(key: $key, id: $id) {
    id name description period asOf demo
    partners { role inferred inference organisation { id name } }
    workstreams { id name position group }
    actions { id name status dueDate dueText recurrence overdue overdueAsOfDocument lastReported leadText leads { part by { ${d} } } workstream { id } }
    targets { id name metric value unit deadline progress readings { date value } }
    actionPlan { total byStatus { status count } overdue { id } }
  }
}`,O=/* @__PURE__ */ new Set([`COMPLETED`,`CANCELLED`]);function k(e,t){return O.has(t.status)?null:t.overdueAsOfDocument?e.overdueWhenWritten(e.date(t.lastReported)):t.lastReported?e.noReportSince(e.date(t.lastReported)):e.noReportSinceUndatedPlan}var A=n`
  .summary { display: flex; flex-wrap: wrap; gap: 8px; list-style: none; padding: 0; margin: 0 0 var(--_space); }
  .summary li { background: var(--_surface); padding: 4px 12px; border-radius: var(--_radius); }
  .filters { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: end; margin-bottom: var(--_space); }
  .filters .field { min-width: 12rem; }
  .choice { display: flex; align-items: center; min-height: 44px; font-weight: 400; margin: 0; }
  section.workstream { margin: calc(var(--_space) * 1.5) 0; }
  .targets { display: grid; gap: var(--_space); grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); list-style: none; padding: 0; }
  .target { border: 1px solid var(--_border); border-top: 4px solid var(--_primary); padding: 12px; }
  .bar { height: 12px; background: var(--_surface); border: 1px solid var(--_secondary-text); margin: 8px 0 4px; }
  .bar > span { display: block; height: 100%; background: var(--_primary); }
  td.due { white-space: nowrap; }
  .partners { list-style: none; padding: 0; margin: 0 0 var(--_space); }
  .partners li { padding: 4px 0; }
  .inferred { font-style: italic; color: var(--_secondary-text); }
  .timing { display: block; font-size: 0.875em; }
  .overdue-row td:first-child { border-left: 4px solid var(--_warning); padding-left: 8px; }
  /* Narrow containers: each action becomes a card of labelled lines. */
  @container (max-width: 40rem) {
    table.actions thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
    table.actions, table.actions tbody, table.actions tr, table.actions td { display: block; width: 100%; }
    table.actions tr { border-bottom: 1px solid var(--_border); padding: 8px 0; }
    table.actions td { border: 0; padding: 2px 0; }
    table.actions td[data-label]::before { content: attr(data-label) ': '; font-weight: 600; }
  }
`,j=e=>t=>t?.style.setProperty(`width`,`${e*100}%`),M=class extends a{static{this.styles=[s,A]}static{this.properties={...a.properties,programme:{type:String},plan:{state:!0},statusFilter:{state:!0},overdueOnly:{state:!0}}}constructor(){super(),this.reloadOn=[`programme`],this.programme=``,this.statusFilter=``,this.overdueOnly=!1}async load(e){if(!this.programme)throw new r(`programme`);let n=/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(this.programme),i=await this.client.query(D,n?{id:this.programme}:{key:this.programme},e);this.plan=i.programme,t(this,`ph-load`,{shown:i.programme.actions.length,total:i.programme.actionPlan.total})}render(){let e=this.plan;if(!e||this.loadState!==`ready`)return o`<div part="base">${this.renderStatus()}</div>`;let t=this.t,n=e.actions.filter(e=>(!this.statusFilter||e.status===this.statusFilter)&&(!this.overdueOnly||e.overdue)),r=n.filter(e=>!e.workstream);return o`<article part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${e.name}</h2>
      ${e.period?o`<p class="muted">${e.period}</p>`:i}
      ${e.demo?o`<p><span class="tag tag-demo">${t.demoTag}</span></p>`:i}
      ${e.description?o`<p>${e.description}</p>`:i}
      <ul class="summary" part="summary" aria-label=${t.programmeSummary(e.actionPlan.total,e.actionPlan.overdue.length)}>
        <li><strong>${t.programmeSummary(e.actionPlan.total,e.actionPlan.overdue.length)}</strong></li>
        ${e.actionPlan.byStatus.map(e=>o`<li>${t.statuses[e.status]??e.status}: ${e.count}</li>`)}
      </ul>
      ${e.partners.length>0?this.renderPartners(e.partners):i}
      ${e.targets.length>0?this.renderTargets(e.targets):i}
      <div class="filters">
        <div class="field">
          <label for="status">${t.statusFilter}</label>
          <select id="status" @change=${e=>this.statusFilter=e.target.value}>
            <option value="">${t.anyOption}</option>
            ${e.actionPlan.byStatus.map(e=>o`<option value=${e.status} ?selected=${e.status===this.statusFilter}>${t.statuses[e.status]??e.status}</option>`)}
          </select>
        </div>
        <label class="choice"><input type="checkbox" .checked=${this.overdueOnly}
          @change=${e=>this.overdueOnly=e.target.checked} />${t.overdueOnly}</label>
      </div>
      <p role="status" class="muted">${n.length===e.actions.length?``:t.resultsCount(n.length,e.actions.length)}</p>
      ${n.length===0?o`<p>${t.noActions}</p>`:i}
      ${r.length>0?this.renderActions(t.programmeWideActions,`programme-wide`,r):i}
      ${e.workstreams.map(e=>{let t=n.filter(t=>t.workstream?.id===e.id);return t.length>0?this.renderActions(e.position==null?e.name:`${e.position}. ${e.name}`,e.id,t):i})}
    </article>`}renderPartners(e){let t=this.t;return o`<section aria-labelledby="partners-heading">
      <h3 id="partners-heading">${t.partnersHeading}</h3>
      <ul class="partners" part="partners">
        ${e.map(e=>o`<li>${e.organisation.name} (${t.roles[e.role]??e.role})${e.inferred?o`<br /><span class="inferred" part="inferred">${t.inferred(e.inference??``)}</span>`:i}</li>`)}
      </ul>
    </section>`}renderTargets(e){let t=this.t;return o`<section aria-labelledby="targets-heading">
      <h3 id="targets-heading">${t.targetsHeading}</h3>
      <ul class="targets" part="targets">
        ${e.map(e=>{let n=e.readings.at(-1),r=e.progress==null?null:Math.max(0,Math.min(1,e.progress)),i=e.unit?` ${e.unit}`:``;return o`<li class="target" part="target">
            <h4>${e.name}</h4>
            <p class="muted">${l(t,e)}</p>
            ${r==null?o`<p>${t.noReading}</p>`:o`<div class="bar" role="progressbar" aria-label=${e.name} aria-valuemin="0" aria-valuemax="100"
                    aria-valuenow=${Math.round(r*100)} aria-valuetext=${t.targetProgress(r)}><span ${E(j(r))}></span></div>
                  <p>${t.targetProgress(r)}${n?` (${t.number(n.value)}${i}, ${t.date(n.date)})`:``}</p>`}
          </li>`})}
      </ul>
    </section>`}renderActions(e,t,n){let r=this.t,i=r.actionColumns;return o`<section class="workstream" aria-labelledby="ws-${t}">
      <h3 id="ws-${t}">${e}</h3>
      <table class="actions" part="actions">
        <thead><tr><th scope="col">${i.action}</th><th scope="col">${i.status}</th><th scope="col">${i.due}</th><th scope="col">${i.lead}</th></tr></thead>
        <tbody>
          ${n.map(e=>o`<tr class=${e.overdueAsOfDocument?`overdue-row`:``}>
            <td>${e.name}</td>
            <td data-label=${i.status}>${r.statuses[e.status]??e.status} ${this.renderTiming(e)}</td>
            <td class="due" data-label=${i.due}>${u(r,e)}</td>
            <td data-label=${i.lead}>${f(r,e)}</td>
          </tr>`)}
        </tbody>
      </table>
    </section>`}renderTiming(e){let t=k(this.t,e);return t?e.overdue?o`<strong class=${e.overdueAsOfDocument?`tag tag-warning`:`tag`} part="overdue">${t}</strong>`:o`<span class="timing muted" part="timing">${t}</span>`:i}};c(`ph-programme`,M);export{M as t};
