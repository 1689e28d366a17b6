import{c as e,d as t,i as n,l as r,n as i,o as a,r as o,s,t as c,u as l}from"./theme-CMDp0vOH.js";import{t as u}from"./actors-C9Y3XocI.js";var d={ATTRIBUTE:1,CHILD:2,PROPERTY:3,BOOLEAN_ATTRIBUTE:4,EVENT:5,ELEMENT:6},f=e=>(...t)=>({_$litDirective$:e,values:t}),p=class{constructor(e){}get _$AU(){return this._$AM._$AU}_$AT(e,t,n){this._$Ct=e,this._$AM=t,this._$Ci=n}_$AS(e,t){return this.update(e,t)}update(e,t){return this.render(...t)}},m=`important`,h=` !`+m,g=f(class extends p{constructor(e){if(super(e),e.type!==d.ATTRIBUTE||e.name!==`style`||e.strings?.length>2)throw Error("The `styleMap` directive must be used in the `style` attribute and must be the only part in the attribute.")}render(e){return Object.keys(e).reduce((t,n)=>{let r=e[n];return r==null?t:t+`${n=n.includes(`-`)?n:n.replace(/(?:^(webkit|moz|ms|o)|)(?=[A-Z])/g,`-$&`).toLowerCase()}:${r};`},``)}update(t,[n]){let{style:r}=t.element;if(this.ft===void 0)return this.ft=new Set(Object.keys(n)),this.render(n);for(let e of this.ft)n[e]??(this.ft.delete(e),e.includes(`-`)?r.removeProperty(e):r[e]=null);for(let e in n){let t=n[e];if(t!=null){this.ft.add(e);let n=typeof t==`string`&&t.endsWith(h);e.includes(`-`)||n?r.setProperty(e,n?t.slice(0,-11):t,n?m:``):r[e]=t}}return e}}),_=`query ProgrammePlan($key: String, $id: ID) {
  programme(key: $key, id: $id) {
    id name description period demo
    workstreams { id name position group }
    actions { id name status dueDate dueText recurrence overdue leadText leads { part by { ${u} } } workstream { id } }
    targets { id name metric value unit deadline progress readings { date value } }
    actionPlan { total byStatus { status count } overdue { id } }
  }
}`,v=l`
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
`,y=class extends o{static{this.styles=[c,v]}static{this.properties={...o.properties,programme:{type:String},plan:{state:!0},statusFilter:{state:!0},overdueOnly:{state:!0}}}constructor(){super(),this.reloadOn=[`programme`],this.programme=``,this.statusFilter=``,this.overdueOnly=!1}async load(e){if(!this.programme)throw new i(`programme`);let t=/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(this.programme),r=await this.client.query(_,t?{id:this.programme}:{key:this.programme},e);this.plan=r.programme,n(this,`ph-load`,{shown:r.programme.actions.length,total:r.programme.actionPlan.total})}render(){let e=this.plan;if(!e||this.loadState!==`ready`)return r`<div part="base">${this.renderStatus()}</div>`;let t=this.t,n=e.actions.filter(e=>(!this.statusFilter||e.status===this.statusFilter)&&(!this.overdueOnly||e.overdue)),i=n.filter(e=>!e.workstream);return r`<article part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${e.name}</h2>
      ${e.period?r`<p class="muted">${e.period}</p>`:s}
      ${e.demo?r`<p><span class="tag tag-demo">${t.demoTag}</span></p>`:s}
      ${e.description?r`<p>${e.description}</p>`:s}
      <ul class="summary" part="summary" aria-label=${t.programmeSummary(e.actionPlan.total,e.actionPlan.overdue.length)}>
        <li><strong>${t.programmeSummary(e.actionPlan.total,e.actionPlan.overdue.length)}</strong></li>
        ${e.actionPlan.byStatus.map(e=>r`<li>${t.statuses[e.status]??e.status}: ${e.count}</li>`)}
      </ul>
      ${e.targets.length>0?this.renderTargets(e.targets):s}
      <div class="filters">
        <div class="field">
          <label for="status">${t.statusFilter}</label>
          <select id="status" @change=${e=>this.statusFilter=e.target.value}>
            <option value="">${t.anyOption}</option>
            ${e.actionPlan.byStatus.map(e=>r`<option value=${e.status} ?selected=${e.status===this.statusFilter}>${t.statuses[e.status]??e.status}</option>`)}
          </select>
        </div>
        <label class="choice"><input type="checkbox" .checked=${this.overdueOnly}
          @change=${e=>this.overdueOnly=e.target.checked} />${t.overdueOnly}</label>
      </div>
      <p role="status" class="muted">${n.length===e.actions.length?``:t.resultsCount(n.length,e.actions.length)}</p>
      ${n.length===0?r`<p>${t.noActions}</p>`:s}
      ${i.length>0?this.renderActions(t.programmeWideActions,`programme-wide`,i):s}
      ${e.workstreams.map(e=>{let t=n.filter(t=>t.workstream?.id===e.id);return t.length>0?this.renderActions(e.position==null?e.name:`${e.position}. ${e.name}`,e.id,t):s})}
    </article>`}renderTargets(e){let t=this.t;return r`<section aria-labelledby="targets-heading">
      <h3 id="targets-heading">${t.targetsHeading}</h3>
      <ul class="targets" part="targets">
        ${e.map(e=>{let n=e.readings.at(-1),i=e.progress==null?null:Math.max(0,Math.min(1,e.progress)),o=e.unit?` ${e.unit}`:``;return r`<li class="target" part="target">
            <h4>${e.name}</h4>
            <p class="muted">${e.metric}: ${e.value.toLocaleString(`en-GB`)}${o}${e.deadline?`, by ${a(e.deadline)}`:``}</p>
            ${i==null?r`<p>${t.noReading}</p>`:r`<div class="bar" role="progressbar" aria-label=${e.name} aria-valuemin="0" aria-valuemax="100"
                    aria-valuenow=${Math.round(i*100)} aria-valuetext=${t.targetProgress(i)}><span style=${g({width:`${i*100}%`})}></span></div>
                  <p>${t.targetProgress(i)}${n?` (${n.value.toLocaleString(`en-GB`)}${o}, ${a(n.date)})`:``}</p>`}
          </li>`})}
      </ul>
    </section>`}renderActions(e,t,n){let i=this.t,o=i.actionColumns;return r`<section class="workstream" aria-labelledby="ws-${t}">
      <h3 id="ws-${t}">${e}</h3>
      <table class="actions" part="actions">
        <thead><tr><th scope="col">${o.action}</th><th scope="col">${o.status}</th><th scope="col">${o.due}</th><th scope="col">${o.lead}</th></tr></thead>
        <tbody>
          ${n.map(e=>r`<tr class=${e.overdue?`overdue-row`:``}>
            <td>${e.name}</td>
            <td data-label=${o.status}>${i.statuses[e.status]??e.status}
              ${e.overdue?r` <strong class="tag tag-warning" part="overdue">${i.overdue}</strong>`:s}</td>
            <td class="due" data-label=${o.due}>${a(e.dueDate)||e.dueText||(e.recurrence?i.recurrences[e.recurrence]:``)||`–`}</td>
            <td data-label=${o.lead}>${this.leadOf(e)}</td>
          </tr>`)}
        </tbody>
      </table>
    </section>`}leadOf(e){return e.leads.length===0?e.leadText??`–`:e.leads.map(e=>e.part===`LEAD`?e.by.name:`${e.by.name} (${this.t.leadParts[e.part]??e.part})`).join(`; `)}};t(`ph-programme`,y);export{y as t};
