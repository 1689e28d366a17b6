import{c as e,i as t,l as n,n as r,o as i,r as a,t as o,u as s}from"./theme-C4oz3JnL.js";import{i as c,o as l,s as u,t as d}from"./plan-text-al-4ffxs.js";var f=`query CommunicationPlan($key: String, $id: ID) {
  programme(key: $key, id: $id) {
    id name demo
    communicationPlan {
      id name methods frequency
      group { name need needs { level qualifier } }
      producedBy { ${l} }
      deliveredBy { occasion by { ${l} } }
    }
  }
}`,p=n`
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
`,m=class extends a{static{this.styles=[o,p]}static{this.properties={...a.properties,programme:{type:String},plan:{state:!0}}}constructor(){super(),this.reloadOn=[`programme`],this.programme=``}async load(e){if(!this.programme)throw new r(`programme`);let n=/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(this.programme),i=await this.client.query(f,n?{id:this.programme}:{key:this.programme},e);this.plan=i.programme,t(this,`ph-load`,{shown:i.programme.communicationPlan.length,total:i.programme.communicationPlan.length})}render(){let t=this.plan;if(!t||this.loadState!==`ready`)return e`<div part="base">${this.renderStatus()}</div>`;let n=this.t,r=n.commsColumns,a=t.communicationPlan;return e`<article part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${n.commsHeading(t.name)}</h2>
      ${t.demo?e`<p><span class="tag tag-demo">${n.demoTag}</span></p>`:i}
      ${a.length===0?e`<p>${n.noComms}</p>`:e`
        <table class="matrix" part="matrix">
          <thead><tr>
            <th scope="col">${r.group}</th><th scope="col">${r.need}</th><th scope="col">${r.level}</th><th scope="col">${r.method}</th>
            <th scope="col">${r.frequency}</th><th scope="col">${r.producedBy}</th><th scope="col">${r.deliveredBy}</th>
          </tr></thead>
          <tbody>${a.map(t=>e`<tr>
            <th scope="row">${t.group?.name??t.name}</th>
            <td>${t.group?.need??``}</td>
            <td>${this.levels(t)}</td>
            <td>${this.methods(t)}</td>
            <td>${t.frequency??``}</td>
            <td>${u(t.producedBy)}</td>
            <td>${this.deliveries(t)}</td>
          </tr>`)}</tbody>
        </table>
        <ul class="cards">${a.map(t=>e`<li class="card" part="card">
          <h3>${t.group?.name??t.name}</h3>
          <dl>
            ${this.line(r.need,t.group?.need)}
            ${this.line(r.level,this.levels(t))}
            ${this.line(r.method,this.methods(t))}
            ${this.line(r.frequency,t.frequency)}
            ${this.line(r.producedBy,u(t.producedBy))}
            ${this.line(r.deliveredBy,this.deliveries(t))}
          </dl>
        </li>`)}</ul>`}
    </article>`}line(t,n){return n?e`<dt>${t}</dt><dd>${n}</dd>`:i}levels(e){return c(this.t,e)}methods(t){return t.methods.length>1?e`<ul class="plain">${t.methods.map(t=>e`<li>${t}</li>`)}</ul>`:t.methods[0]??``}deliveries(t){let n=d(t);return n.length>1?e`<ul class="plain">${n.map(t=>e`<li>${t}</li>`)}</ul>`:n[0]??``}};s(`ph-comms-plan`,m);export{m as t};
