import{d as e,i as t,n,o as r,r as i,s as a,t as o,u as s}from"./theme-ChC6ZdXC.js";import{i as c,o as l,s as u,t as d}from"./plan-text-al-4ffxs.js";var f=`query CommunicationPlan($key: String, $id: ID) {
  programme(key: $key, id: $id) {
    id name demo
    communicationPlan {
      id name methods frequency
      group { name need needs { level qualifier } }
      producedBy { ${l} }
      deliveredBy { occasion by { ${l} } }
    }
  }
}`,p=s`
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
`,m=class extends i{static{this.styles=[o,p]}static{this.properties={...i.properties,programme:{type:String},plan:{state:!0}}}constructor(){super(),this.reloadOn=[`programme`],this.programme=``}async load(e){if(!this.programme)throw new n(`programme`);let r=/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(this.programme),i=await this.client.query(f,r?{id:this.programme}:{key:this.programme},e);this.plan=i.programme,t(this,`ph-load`,{shown:i.programme.communicationPlan.length,total:i.programme.communicationPlan.length})}render(){let e=this.plan;if(!e||this.loadState!==`ready`)return a`<div part="base">${this.renderStatus()}</div>`;let t=this.t,n=t.commsColumns,i=e.communicationPlan;return a`<article part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${t.commsHeading(e.name)}</h2>
      ${e.demo?a`<p><span class="tag tag-demo">${t.demoTag}</span></p>`:r}
      ${i.length===0?a`<p>${t.noComms}</p>`:a`
        <table class="matrix" part="matrix">
          <thead><tr>
            <th scope="col">${n.group}</th><th scope="col">${n.need}</th><th scope="col">${n.level}</th><th scope="col">${n.method}</th>
            <th scope="col">${n.frequency}</th><th scope="col">${n.producedBy}</th><th scope="col">${n.deliveredBy}</th>
          </tr></thead>
          <tbody>${i.map(e=>a`<tr>
            <th scope="row">${e.group?.name??e.name}</th>
            <td>${e.group?.need??``}</td>
            <td>${this.levels(e)}</td>
            <td>${this.methods(e)}</td>
            <td>${e.frequency??``}</td>
            <td>${u(e.producedBy)}</td>
            <td>${this.deliveries(e)}</td>
          </tr>`)}</tbody>
        </table>
        <ul class="cards">${i.map(e=>a`<li class="card" part="card">
          <h3>${e.group?.name??e.name}</h3>
          <dl>
            ${this.line(n.need,e.group?.need)}
            ${this.line(n.level,this.levels(e))}
            ${this.line(n.method,this.methods(e))}
            ${this.line(n.frequency,e.frequency)}
            ${this.line(n.producedBy,u(e.producedBy))}
            ${this.line(n.deliveredBy,this.deliveries(e))}
          </dl>
        </li>`)}</ul>`}
    </article>`}line(e,t){return t?a`<dt>${e}</dt><dd>${t}</dd>`:r}levels(e){return c(this.t,e)}methods(e){return e.methods.length>1?a`<ul class="plain">${e.methods.map(e=>a`<li>${e}</li>`)}</ul>`:e.methods[0]??``}deliveries(e){let t=d(e);return t.length>1?a`<ul class="plain">${t.map(e=>a`<li>${e}</li>`)}</ul>`:t[0]??``}};e(`ph-comms-plan`,m);export{m as t};
