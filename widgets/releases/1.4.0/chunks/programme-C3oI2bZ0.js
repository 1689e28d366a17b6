import{c as e,d as t,i as n,l as r,n as i,o as a,r as o,s,t as c,u as l}from"./theme-ChC6ZdXC.js";import{a as u,n as d,o as f,r as p}from"./plan-text-al-4ffxs.js";var{I:m}=e,h=e=>e.strings===void 0,g={ATTRIBUTE:1,CHILD:2,PROPERTY:3,BOOLEAN_ATTRIBUTE:4,EVENT:5,ELEMENT:6},_=e=>(...t)=>({_$litDirective$:e,values:t}),v=class{constructor(e){}get _$AU(){return this._$AM._$AU}_$AT(e,t,n){this._$Ct=e,this._$AM=t,this._$Ci=n}_$AS(e,t){return this.update(e,t)}update(e,t){return this.render(...t)}},y=(e,t)=>{let n=e._$AN;if(n===void 0)return!1;for(let e of n)e._$AO?.(t,!1),y(e,t);return!0},b=e=>{let t,n;do{if((t=e._$AM)===void 0)break;n=t._$AN,n.delete(e),e=t}while(n?.size===0)},x=e=>{for(let t;t=e._$AM;e=t){let n=t._$AN;if(n===void 0)t._$AN=n=/* @__PURE__ */ new Set;else if(n.has(e))break;n.add(e),w(t)}};function S(e){this._$AN===void 0?this._$AM=e:(b(this),this._$AM=e,x(this))}function C(e,t=!1,n=0){let r=this._$AH,i=this._$AN;if(i!==void 0&&i.size!==0){if(t){if(Array.isArray(r))for(let e=n;e<r.length;e++)y(r[e],!1),b(r[e]);else r!=null&&(y(r,!1),b(r))}else y(this,e)}}var w=e=>{e.type==g.CHILD&&(e._$AP??=C,e._$AQ??=S)},T=class extends v{constructor(){super(...arguments),this._$AN=void 0}_$AT(e,t,n){super._$AT(e,t,n),x(this),this.isConnected=e._$AU}_$AO(e,t=!0){e!==this.isConnected&&(this.isConnected=e,e?this.reconnected?.():this.disconnected?.()),t&&(y(this,e),b(this))}setValue(e){if(h(this._$Ct))this._$Ct._$AI(e,this);else{let t=[...this._$Ct._$AH];t[this._$Ci]=e,this._$Ct._$AI(t,this,0)}}disconnected(){}reconnected(){}},E=/* @__PURE__ */ new WeakMap,D=_(class extends T{render(e){return a}update(e,[t]){let n=t!==this.G;return n&&this.rt(void 0),(n||this.lt!==this.ct)&&(this.G=t,this.ht=e.options?.host,this.rt(this.ct=e.element)),a}rt(e){if(this.G!==void 0){if(this.isConnected||(e=void 0),typeof this.G==`function`){let t=this.ht??globalThis,n=E.get(t);n===void 0&&(n=/* @__PURE__ */ new WeakMap,E.set(t,n)),n.get(this.G)!==void 0&&this.G.call(this.ht,void 0),n.set(this.G,e),e!==void 0&&this.G.call(this.ht,e)}else this.G.value=e}}get lt(){return typeof this.G==`function`?E.get(this.ht??globalThis)?.get(this.G):this.G?.value}disconnected(){this.lt===this.ct&&this.rt(void 0)}reconnected(){this.rt(this.ct)}}),O=`query ProgrammePlan($key: String, $id: ID) {
  programme(key: $key, id: $id) {
    id name description period asOf demo
    partners { role inferred inference organisation { id name } }
    workstreams { id name position group }
    actions { id name status dueDate dueText recurrence overdue overdueAsOfDocument lastReported leadText leads { part by { ${f} } } workstream { id } }
    targets { id name metric value unit deadline progress readings { date value } trajectory { line { date value } onTrack } }
    actionPlan { total byStatus { status count } overdue { id } }
  }
}`,k=/* @__PURE__ */ new Set([`COMPLETED`,`CANCELLED`]);function A(e,t){return k.has(t.status)?null:t.overdueAsOfDocument?e.overdueWhenWritten(e.date(t.lastReported)):t.lastReported?e.noReportSince(e.date(t.lastReported)):e.noReportSinceUndatedPlan}var j=l`
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
  .trajectory { margin: 8px 0 0; }
  .trajectory svg { display: block; width: 100%; height: auto; }
  .trajectory .axis { stroke: var(--_secondary-text); stroke-width: 1; }
  .trajectory .tick { fill: var(--_text); font-size: 10px; }
  .trajectory .expected { stroke: var(--_secondary-text); stroke-width: 1.5; stroke-dasharray: 5 4; }
  .trajectory .readings { fill: none; stroke: var(--_primary); stroke-width: 2; }
  .trajectory .reading { fill: var(--_primary); }
  .trajectory-table { margin-top: 8px; font-size: 0.875em; }
  .trajectory-table caption { text-align: left; font-weight: 600; }
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
`;function M(e){if(/^\d{4}-\d{2}$/.test(e)){let[t,n]=e.split(`-`).map(Number);return new Date(Date.UTC(t,n,0)).toISOString().slice(0,10)}return e.slice(0,10)}var N=e=>Date.parse(`${M(e)}T00:00:00Z`);function P(e,t,n){let r=N(t.date)-N(e.date);if(r<=0)return t.value;let i=Math.min(1,Math.max(0,(N(n)-N(e.date))/r));return e.value+i*(t.value-e.value)}var F=320,I=160,L={left:44,right:12,top:12,bottom:28};function R(e,t){let[n,i]=t.trajectory?.line??[];if(!n||!i||t.readings.length===0)return a;let o=t.readings,c=Math.min(N(n.date),...o.map(e=>N(e.date))),l=Math.max(N(i.date),...o.map(e=>N(e.date))),u=Math.max(i.value,n.value,...o.map(e=>e.value))*1.1||1,d=e=>L.left+(N(e)-c)/(l-c||1)*(F-L.left-L.right),f=e=>I-L.bottom-e/u*(I-L.top-L.bottom),p=t.unit?` ${t.unit}`:``,m=`trajectory-${t.id}`,h=t.trajectory?.onTrack,g=o.map(e=>`${d(e.date).toFixed(1)},${f(e.value).toFixed(1)}`).join(` `);return s`<figure class="trajectory" part="trajectory">
    <svg viewBox="0 0 ${F} ${I}" role="img" aria-labelledby="${m}-title ${m}-desc" focusable="false">
      <title id="${m}-title">${e.trajectoryTitle(t.name)}</title>
      <desc id="${m}-desc">${e.trajectoryDescription(o.length,`${e.number(i.value)}${p}`,e.date(i.date))}</desc>
      ${r`<line class="axis" x1=${L.left} y1=${I-L.bottom} x2=${F-L.right} y2=${I-L.bottom}></line>
        <line class="axis" x1=${L.left} y1=${L.top} x2=${L.left} y2=${I-L.bottom}></line>
        <text class="tick" x=${L.left-4} y=${f(0)} text-anchor="end" dominant-baseline="middle">0</text>
        <text class="tick" x=${L.left-4} y=${f(i.value)} text-anchor="end" dominant-baseline="middle">${e.number(i.value)}</text>
        <text class="tick" x=${d(n.date)} y=${152} text-anchor="start">${e.date(n.date)}</text>
        <text class="tick" x=${d(i.date)} y=${152} text-anchor="end">${e.date(i.date)}</text>
        <line class="expected" x1=${d(n.date)} y1=${f(n.value)} x2=${d(i.date)} y2=${f(i.value)}></line>
        <polyline class="readings" points=${g}></polyline>
        ${o.map(e=>r`<circle class="reading" cx=${d(e.date)} cy=${f(e.value)} r="3.5"></circle>`)}`}
    </svg>
    ${h==null?a:s`<figcaption><strong class=${h?`tag`:`tag tag-warning`}>${h?e.onTrack:e.behindTrack}</strong></figcaption>`}
    <table class="trajectory-table" part="trajectory-table">
      <caption>${e.trajectoryTitle(t.name)}</caption>
      <thead><tr><th scope="col">${e.trajectoryColumns.date}</th><th scope="col">${e.trajectoryColumns.reading}</th><th scope="col">${e.trajectoryColumns.expected}</th></tr></thead>
      <tbody>
        ${o.map(t=>s`<tr><td>${e.date(t.date)}</td><td>${e.number(t.value)}${p}</td><td>${e.number(Math.round(P(n,i,t.date)))}${p}</td></tr>`)}
        <tr><td>${e.date(i.date)}</td><td></td><td>${e.number(i.value)}${p}</td></tr>
      </tbody>
    </table>
  </figure>`}var z=e=>t=>t?.style.setProperty(`width`,`${e*100}%`),B=class extends o{static{this.styles=[c,j]}static{this.properties={...o.properties,programme:{type:String},plan:{state:!0},statusFilter:{state:!0},overdueOnly:{state:!0}}}constructor(){super(),this.reloadOn=[`programme`],this.programme=``,this.statusFilter=``,this.overdueOnly=!1}async load(e){if(!this.programme)throw new i(`programme`);let t=/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(this.programme),r=await this.client.query(O,t?{id:this.programme}:{key:this.programme},e);this.plan=r.programme,n(this,`ph-load`,{shown:r.programme.actions.length,total:r.programme.actionPlan.total})}render(){let e=this.plan;if(!e||this.loadState!==`ready`)return s`<div part="base">${this.renderStatus()}</div>`;let t=this.t,n=e.actions.filter(e=>(!this.statusFilter||e.status===this.statusFilter)&&(!this.overdueOnly||e.overdue)),r=n.filter(e=>!e.workstream);return s`<article part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${e.name}</h2>
      ${e.period?s`<p class="muted">${e.period}</p>`:a}
      ${e.demo?s`<p><span class="tag tag-demo">${t.demoTag}</span></p>`:a}
      ${e.description?s`<p>${e.description}</p>`:a}
      <ul class="summary" part="summary" aria-label=${t.programmeSummary(e.actionPlan.total,e.actionPlan.overdue.length)}>
        <li><strong>${t.programmeSummary(e.actionPlan.total,e.actionPlan.overdue.length)}</strong></li>
        ${e.actionPlan.byStatus.map(e=>s`<li>${t.statuses[e.status]??e.status}: ${e.count}</li>`)}
      </ul>
      ${e.partners.length>0?this.renderPartners(e.partners):a}
      ${e.targets.length>0?this.renderTargets(e.targets):a}
      <div class="filters">
        <div class="field">
          <label for="status">${t.statusFilter}</label>
          <select id="status" @change=${e=>this.statusFilter=e.target.value}>
            <option value="">${t.anyOption}</option>
            ${e.actionPlan.byStatus.map(e=>s`<option value=${e.status} ?selected=${e.status===this.statusFilter}>${t.statuses[e.status]??e.status}</option>`)}
          </select>
        </div>
        <label class="choice"><input type="checkbox" .checked=${this.overdueOnly}
          @change=${e=>this.overdueOnly=e.target.checked} />${t.overdueOnly}</label>
      </div>
      <p role="status" class="muted">${n.length===e.actions.length?``:t.resultsCount(n.length,e.actions.length)}</p>
      ${n.length===0?s`<p>${t.noActions}</p>`:a}
      ${r.length>0?this.renderActions(t.programmeWideActions,`programme-wide`,r):a}
      ${e.workstreams.map(e=>{let t=n.filter(t=>t.workstream?.id===e.id);return t.length>0?this.renderActions(e.position==null?e.name:`${e.position}. ${e.name}`,e.id,t):a})}
    </article>`}renderPartners(e){let t=this.t;return s`<section aria-labelledby="partners-heading">
      <h3 id="partners-heading">${t.partnersHeading}</h3>
      <ul class="partners" part="partners">
        ${e.map(e=>s`<li>${e.organisation.name} (${t.roles[e.role]??e.role})${e.inferred?s`<br /><span class="inferred" part="inferred">${t.inferred(e.inference??``)}</span>`:a}</li>`)}
      </ul>
    </section>`}renderTargets(e){let t=this.t;return s`<section aria-labelledby="targets-heading">
      <h3 id="targets-heading">${t.targetsHeading}</h3>
      <ul class="targets" part="targets">
        ${e.map(e=>{let n=e.readings.at(-1),r=e.progress==null?null:Math.max(0,Math.min(1,e.progress)),i=e.unit?` ${e.unit}`:``;return s`<li class="target" part="target">
            <h4>${e.name}</h4>
            <p class="muted">${u(t,e)}</p>
            ${r==null?s`<p>${t.noReading}</p>`:s`<div class="bar" role="progressbar" aria-label=${e.name} aria-valuemin="0" aria-valuemax="100"
                    aria-valuenow=${Math.round(r*100)} aria-valuetext=${t.targetProgress(r)}><span ${D(z(r))}></span></div>
                  <p>${t.targetProgress(r)}${n?` (${t.number(n.value)}${i}, ${t.date(n.date)})`:``}</p>`}
            ${R(t,e)}
          </li>`})}
      </ul>
    </section>`}renderActions(e,t,n){let r=this.t,i=r.actionColumns;return s`<section class="workstream" aria-labelledby="ws-${t}">
      <h3 id="ws-${t}">${e}</h3>
      <table class="actions" part="actions">
        <thead><tr><th scope="col">${i.action}</th><th scope="col">${i.status}</th><th scope="col">${i.due}</th><th scope="col">${i.lead}</th></tr></thead>
        <tbody>
          ${n.map(e=>s`<tr class=${e.overdueAsOfDocument?`overdue-row`:``}>
            <td>${e.name}</td>
            <td data-label=${i.status}>${r.statuses[e.status]??e.status} ${this.renderTiming(e)}</td>
            <td class="due" data-label=${i.due}>${d(r,e)}</td>
            <td data-label=${i.lead}>${p(r,e)}</td>
          </tr>`)}
        </tbody>
      </table>
    </section>`}renderTiming(e){let t=A(this.t,e);return t?e.overdue?s`<strong class=${e.overdueAsOfDocument?`tag tag-warning`:`tag`} part="overdue">${t}</strong>`:s`<span class="timing muted" part="timing">${t}</span>`:a}};t(`ph-programme`,B);export{B as t};
