import{d as e,i as t,l as n,n as r,r as i,s as a,t as o,u as s}from"./theme-CMDp0vOH.js";import{n as c,t as l}from"./actors-C9Y3XocI.js";var u=`query CommunicationPlan($key: String, $id: ID) {
  programme(key: $key, id: $id) {
    id name demo
    communicationPlan {
      id name methods frequency
      group { name need needs { level qualifier } }
      producedBy { ${l} }
      deliveredBy { occasion by { ${l} } }
    }
  }
}`,d=s`
  ul.plain { list-style: none; padding: 0; margin: 0; }
  .cards { display: none; list-style: none; padding: 0; margin: 0; }
  .card { border: 1px solid var(--_border); border-top: 4px solid var(--_primary); padding: 12px; margin-bottom: var(--_space); }
  .card h3 { font-size: 1.125em; }
  dt { font-weight: 600; margin-top: 8px; }
  dd { margin: 0; }
  /* The matrix on wide containers, cards on narrow ones: the host's column decides, not the window. */
  @container (max-width: 48rem) {
    .matrix { display: none; }
    .cards { display: block; }
  }
`,f=class extends i{static{this.styles=[o,d]}static{this.properties={...i.properties,programme:{type:String},plan:{state:!0}}}constructor(){super(),this.reloadOn=[`programme`],this.programme=``}async load(e){if(!this.programme)throw new r(`programme`);let n=/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(this.programme),i=await this.client.query(u,n?{id:this.programme}:{key:this.programme},e);this.plan=i.programme,t(this,`ph-load`,{shown:i.programme.communicationPlan.length,total:i.programme.communicationPlan.length})}render(){let e=this.plan;if(!e||this.loadState!==`ready`)return n`<div part="base">${this.renderStatus()}</div>`;let t=this.t,r=t.commsColumns,i=e.communicationPlan;return n`<article part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${t.commsHeading(e.name)}</h2>
      ${e.demo?n`<p><span class="tag tag-demo">${t.demoTag}</span></p>`:a}
      ${i.length===0?n`<p>${t.noComms}</p>`:n`
        <table class="matrix" part="matrix">
          <thead><tr>
            <th scope="col">${r.group}</th><th scope="col">${r.need}</th><th scope="col">${r.level}</th><th scope="col">${r.method}</th>
            <th scope="col">${r.frequency}</th><th scope="col">${r.producedBy}</th><th scope="col">${r.deliveredBy}</th>
          </tr></thead>
          <tbody>${i.map(e=>n`<tr>
            <th scope="row">${e.group?.name??e.name}</th>
            <td>${e.group?.need??``}</td>
            <td>${this.levels(e)}</td>
            <td>${this.methods(e)}</td>
            <td>${e.frequency??``}</td>
            <td>${c(e.producedBy)}</td>
            <td>${this.deliveries(e)}</td>
          </tr>`)}</tbody>
        </table>
        <ul class="cards">${i.map(e=>n`<li class="card" part="card">
          <h3>${e.group?.name??e.name}</h3>
          <dl>
            ${this.line(r.need,e.group?.need)}
            ${this.line(r.level,this.levels(e))}
            ${this.line(r.method,this.methods(e))}
            ${this.line(r.frequency,e.frequency)}
            ${this.line(r.producedBy,c(e.producedBy))}
            ${this.line(r.deliveredBy,this.deliveries(e))}
          </dl>
        </li>`)}</ul>`}
    </article>`}line(e,t){return t?n`<dt>${e}</dt><dd>${t}</dd>`:a}levels(e){return(e.group?.needs??[]).map(e=>`${this.t.levels[e.level]??e.level}${e.qualifier?` (${e.qualifier})`:``}`).join(`, `)}methods(e){return e.methods.length>1?n`<ul class="plain">${e.methods.map(e=>n`<li>${e}</li>`)}</ul>`:e.methods[0]??``}deliveries(e){let t=e.deliveredBy.map(e=>e.occasion?`${e.by.name} (${e.occasion})`:e.by.name);return t.length>1?n`<ul class="plain">${t.map(e=>n`<li>${e}</li>`)}</ul>`:t[0]??``}};e(`ph-comms-plan`,f);export{f as t};
