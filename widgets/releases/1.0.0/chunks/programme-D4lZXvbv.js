import{c as e,i as t,l as n,n as r,o as i,r as a,s as o,t as s,u as c}from"./theme-C4oz3JnL.js";import{a as l,n as u,o as d,r as f}from"./plan-text-al-4ffxs.js";var p={ATTRIBUTE:1,CHILD:2,PROPERTY:3,BOOLEAN_ATTRIBUTE:4,EVENT:5,ELEMENT:6},m=e=>(...t)=>({_$litDirective$:e,values:t}),h=class{constructor(e){}get _$AU(){return this._$AM._$AU}_$AT(e,t,n){this._$Ct=e,this._$AM=t,this._$Ci=n}_$AS(e,t){return this.update(e,t)}update(e,t){return this.render(...t)}},g=`important`,_=` !`+g,v=m(class extends h{constructor(e){if(super(e),e.type!==p.ATTRIBUTE||e.name!==`style`||e.strings?.length>2)throw Error("The `styleMap` directive must be used in the `style` attribute and must be the only part in the attribute.")}render(e){return Object.keys(e).reduce((t,n)=>{let r=e[n];return r==null?t:t+`${n=n.includes(`-`)?n:n.replace(/(?:^(webkit|moz|ms|o)|)(?=[A-Z])/g,`-$&`).toLowerCase()}:${r};`},``)}update(e,[t]){let{style:n}=e.element;if(this.ft===void 0)return this.ft=new Set(Object.keys(t)),this.render(t);for(let e of this.ft)t[e]??(this.ft.delete(e),e.includes(`-`)?n.removeProperty(e):n[e]=null);for(let e in t){let r=t[e];if(r!=null){this.ft.add(e);let t=typeof r==`string`&&r.endsWith(_);e.includes(`-`)||t?n.setProperty(e,t?r.slice(0,-11):r,t?g:``):n[e]=r}}return o}}),y=`query ProgrammePlan($key: String, $id: ID) {
  programme(key: $key, id: $id) {
    id name description period demo
    workstreams { id name position group }
    actions { id name status dueDate dueText recurrence overdue leadText leads { part by { ${d} } } workstream { id } }
    targets { id name metric value unit deadline progress readings { date value } }
    actionPlan { total byStatus { status count } overdue { id } }
  }
}`,b=n`
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
  .overdue-row td:first-child { border-left: 4px solid var(--_warning); padding-left: 8px; }
  /* Narrow containers: each action becomes a card of labelled lines. */
  @container (max-width: 40rem) {
    table.actions thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
    table.actions, table.actions tbody, table.actions tr, table.actions td { display: block; width: 100%; }
    table.actions tr { border-bottom: 1px solid var(--_border); padding: 8px 0; }
    table.actions td { border: 0; padding: 2px 0; }
    table.actions td[data-label]::before { content: attr(data-label) ': '; font-weight: 600; }
  }
`,x=class extends a{static{this.styles=[s,b]}static{this.properties={...a.properties,programme:{type:String},plan:{state:!0},statusFilter:{state:!0},overdueOnly:{state:!0}}}constructor(){super(),this.reloadOn=[`programme`],this.programme=``,this.statusFilter=``,this.overdueOnly=!1}async load(e){if(!this.programme)throw new r(`programme`);let n=/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(this.programme),i=await this.client.query(y,n?{id:this.programme}:{key:this.programme},e);this.plan=i.programme,t(this,`ph-load`,{shown:i.programme.actions.length,total:i.programme.actionPlan.total})}render(){let t=this.plan;if(!t||this.loadState!==`ready`)return e`<div part="base">${this.renderStatus()}</div>`;let n=this.t,r=t.actions.filter(e=>(!this.statusFilter||e.status===this.statusFilter)&&(!this.overdueOnly||e.overdue)),a=r.filter(e=>!e.workstream);return e`<article part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${t.name}</h2>
      ${t.period?e`<p class="muted">${t.period}</p>`:i}
      ${t.demo?e`<p><span class="tag tag-demo">${n.demoTag}</span></p>`:i}
      ${t.description?e`<p>${t.description}</p>`:i}
      <ul class="summary" part="summary" aria-label=${n.programmeSummary(t.actionPlan.total,t.actionPlan.overdue.length)}>
        <li><strong>${n.programmeSummary(t.actionPlan.total,t.actionPlan.overdue.length)}</strong></li>
        ${t.actionPlan.byStatus.map(t=>e`<li>${n.statuses[t.status]??t.status}: ${t.count}</li>`)}
      </ul>
      ${t.targets.length>0?this.renderTargets(t.targets):i}
      <div class="filters">
        <div class="field">
          <label for="status">${n.statusFilter}</label>
          <select id="status" @change=${e=>this.statusFilter=e.target.value}>
            <option value="">${n.anyOption}</option>
            ${t.actionPlan.byStatus.map(t=>e`<option value=${t.status} ?selected=${t.status===this.statusFilter}>${n.statuses[t.status]??t.status}</option>`)}
          </select>
        </div>
        <label class="choice"><input type="checkbox" .checked=${this.overdueOnly}
          @change=${e=>this.overdueOnly=e.target.checked} />${n.overdueOnly}</label>
      </div>
      <p role="status" class="muted">${r.length===t.actions.length?``:n.resultsCount(r.length,t.actions.length)}</p>
      ${r.length===0?e`<p>${n.noActions}</p>`:i}
      ${a.length>0?this.renderActions(n.programmeWideActions,`programme-wide`,a):i}
      ${t.workstreams.map(e=>{let t=r.filter(t=>t.workstream?.id===e.id);return t.length>0?this.renderActions(e.position==null?e.name:`${e.position}. ${e.name}`,e.id,t):i})}
    </article>`}renderTargets(t){let n=this.t;return e`<section aria-labelledby="targets-heading">
      <h3 id="targets-heading">${n.targetsHeading}</h3>
      <ul class="targets" part="targets">
        ${t.map(t=>{let r=t.readings.at(-1),i=t.progress==null?null:Math.max(0,Math.min(1,t.progress)),a=t.unit?` ${t.unit}`:``;return e`<li class="target" part="target">
            <h4>${t.name}</h4>
            <p class="muted">${l(n,t)}</p>
            ${i==null?e`<p>${n.noReading}</p>`:e`<div class="bar" role="progressbar" aria-label=${t.name} aria-valuemin="0" aria-valuemax="100"
                    aria-valuenow=${Math.round(i*100)} aria-valuetext=${n.targetProgress(i)}><span style=${v({width:`${i*100}%`})}></span></div>
                  <p>${n.targetProgress(i)}${r?` (${n.number(r.value)}${a}, ${n.date(r.date)})`:``}</p>`}
          </li>`})}
      </ul>
    </section>`}renderActions(t,n,r){let a=this.t,o=a.actionColumns;return e`<section class="workstream" aria-labelledby="ws-${n}">
      <h3 id="ws-${n}">${t}</h3>
      <table class="actions" part="actions">
        <thead><tr><th scope="col">${o.action}</th><th scope="col">${o.status}</th><th scope="col">${o.due}</th><th scope="col">${o.lead}</th></tr></thead>
        <tbody>
          ${r.map(t=>e`<tr class=${t.overdue?`overdue-row`:``}>
            <td>${t.name}</td>
            <td data-label=${o.status}>${a.statuses[t.status]??t.status}
              ${t.overdue?e` <strong class="tag tag-warning" part="overdue">${a.overdue}</strong>`:i}</td>
            <td class="due" data-label=${o.due}>${u(a,t)}</td>
            <td data-label=${o.lead}>${f(a,t)}</td>
          </tr>`)}
        </tbody>
      </table>
    </section>`}};c(`ph-programme`,x);export{x as t};
