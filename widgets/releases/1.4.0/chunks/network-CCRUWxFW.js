import{d as e,i as t,n,o as r,r as i,s as a,t as o,u as s}from"./theme-ChC6ZdXC.js";var c=`query NetworkCentre($programme: String, $organisation: String, $byProgramme: Boolean!, $byOrganisation: Boolean!) {
  programme(key: $programme) @include(if: $byProgramme) { id name }
  organisation(key: $organisation) @include(if: $byOrganisation) { id name }
}`,l=`nodes { id key type name organisationKind demo footprints } edges { source target type role inferred inference }`,u=`query Network($around: ID!, $depth: Int!) {
  network(around: $around, depth: $depth) { ${l} }
  areas(level: FOOTPRINT, first: 100) { edges { node { key name } } }
}`,d=`query Neighbourhood($around: ID!) { network(around: $around, depth: 2) { ${l} } }`,f=s`
  .filters { display: grid; gap: 0 var(--_space); grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); margin-bottom: 8px; }
  .field { margin-bottom: var(--_space); }
  fieldset { border: 0; padding: 0; margin: 0 0 var(--_space); min-width: 0; }
  .roles, .views { display: flex; flex-wrap: wrap; gap: 0 var(--_space); }
  .choice { display: flex; align-items: center; min-height: 32px; font-weight: 400; margin: 0; }
  input[type='radio'] { width: 24px; height: 24px; margin: 0 8px 0 0; accent-color: var(--_primary); }
  ul.programmes { padding-left: 1.25em; }
  ul.programmes li { margin-bottom: 4px; }
  .graph { height: var(--ph-network-height, 28rem); border: 1px solid var(--_border); position: relative; margin-bottom: var(--_space); }
  .inferred { font-style: italic; color: var(--_secondary-text); }
  .legend h3 { font-size: 1em; margin: 0 0 4px; }
  .legend ul { list-style: none; padding: 0; margin: 0 0 var(--_space); }
  .legend li { display: flex; align-items: center; gap: 8px; min-height: 24px; }
  .legend .line { display: inline-block; width: 2.5rem; border-top: 2px solid var(--_secondary-text); }
  .legend .line.dashed { border-top-style: dashed; }
  .graph:focus-visible { outline: 4px solid var(--_focus); box-shadow: inset 0 0 0 2px var(--_focus-text); background: var(--_background); }
`,p=class extends i{static{this.styles=[o,f]}static{this.properties={...i.properties,programme:{type:String},organisation:{type:String},around:{type:String},depth:{type:Number},view:{type:String,reflect:!0},net:{state:!0},centreName:{state:!0},footprintNames:{state:!0},programmeFilter:{state:!0},footprintFilter:{state:!0},roleFilter:{state:!0},graphState:{state:!0},focusIndex:{state:!0},announcement:{state:!0}}}constructor(){super(),this.drawing=0,this.reloadOn=[`programme`,`organisation`,`around`,`depth`],this.programme=``,this.organisation=``,this.around=``,this.depth=2,this.view=`table`,this.net={nodes:[],edges:[]},this.centreName=``,this.footprintNames=/* @__PURE__ */ new Map,this.programmeFilter=``,this.footprintFilter=``,this.roleFilter=/* @__PURE__ */ new Set,this.graphState=`none`,this.focusIndex=-1,this.announcement=``}async load(e){let r=this.around;if(!r){if(!this.programme&&!this.organisation)throw new n(`programme`);let t=await this.client.query(c,{programme:this.programme||null,organisation:this.organisation||null,byProgramme:!!this.programme,byOrganisation:!this.programme},e);r=(t.programme??t.organisation).id}let i=Math.max(1,Math.min(4,Math.floor(this.depth)||2)),a=await this.client.query(u,{around:r,depth:i},e);this.net=a.network,this.centreName=a.network.nodes.find(e=>e.id===r)?.name??``,this.footprintNames=new Map(a.areas.edges.map(e=>[e.node.key,e.node.name])),this.programmeFilter=``,this.footprintFilter=``,this.roleFilter=/* @__PURE__ */ new Set,this.focusIndex=-1,t(this,`ph-load`,{shown:this.partnerships().length,total:this.net.edges.length})}updated(e){[`net`,`view`,`programmeFilter`,`footprintFilter`,`roleFilter`,`loadState`].some(t=>e.has(t))&&this.drawGraph(),e.has(`focusIndex`)&&this.graph?.highlight(this.visibleMembers()[this.focusIndex]?.id??null)}disconnectedCallback(){super.disconnectedCallback(),this.graph?.destroy(),this.graph=void 0}byId(){return new Map(this.net.nodes.map(e=>[e.id,e]))}partnerships(){let e=this.byId();return this.net.edges.filter(t=>t.type!==`PARTNER_IN`||this.programmeFilter&&t.target!==this.programmeFilter||this.roleFilter.size>0&&!this.roleFilter.has(t.role??``)||this.footprintFilter&&!e.get(t.source)?.footprints.includes(this.footprintFilter)?!1:e.has(t.source)&&e.has(t.target))}visible(){let e=this.partnerships(),t=new Set(e.flatMap(e=>[e.source,e.target]));if(!(this.programmeFilter||this.footprintFilter||this.roleFilter.size>0))for(let e of this.net.nodes)t.add(e.id);let n=this.net.edges.filter(e=>e.type===`PROGRAMME_PART_OF`&&t.has(e.source)&&t.has(e.target));return{nodes:this.net.nodes.filter(e=>t.has(e.id)),edges:[...e,...n]}}visibleMembers(){let e=this.t.locale;return[...this.visible().nodes].sort((t,n)=>t.name.localeCompare(n.name,e))}async drawGraph(){let e=++this.drawing;if(this.graph?.destroy(),this.graph=void 0,this.view!==`graph`||this.loadState!==`ready`)return;await this.updateComplete;let t=this.renderRoot.querySelector(`.graph`);if(t){this.graphState=`loading`;try{let{drawGraph:n}=await import(`./graph-view-JP-0bG-a.js`);if(e!==this.drawing)return;let r=getComputedStyle(t),i=e=>r.getPropertyValue(e).trim();this.graph=n(t,this.visible(),{programme:i(`--_primary`),organisation:i(`--_secondary-text`),edge:i(`--_border`),highlight:i(`--_action`),label:i(`--_text`)},e=>void this.choose(e)),this.graphState=`ready`}catch{this.graphState=`unavailable`}}}async choose(e){let n=this.byId().get(e);if(n&&t(this,`ph-select`,{id:e,kind:n.type===`PROGRAMME`?`Programme`:`Organisation`,name:n.name}))try{let{network:t}=await this.client.query(d,{around:e}),r=this.byId(),i=t.nodes.filter(e=>!r.has(e.id)),a=e=>`${e.source}|${e.target}|${e.type}`,o=new Set(this.net.edges.map(a));this.net={nodes:[...this.net.nodes,...i],edges:[...this.net.edges,...t.edges.filter(e=>!o.has(a(e)))]},this.announcement=this.t.expanded(n.name,i.length)}catch(e){this.fail(e)}}onGraphKey(e){let t=this.visibleMembers();if(t.length===0)return;let n={ArrowRight:1,ArrowDown:1,ArrowLeft:-1,ArrowUp:-1}[e.key];if(n!==void 0)this.focusIndex=(this.focusIndex+n+t.length)%t.length;else if(e.key===`Home`||e.key===`End`)this.focusIndex=e.key===`Home`?0:t.length-1;else if(e.key===`Enter`&&t[this.focusIndex])this.choose(t[this.focusIndex].id);else if(e.key===`Escape`)this.focusIndex=-1,this.announcement=``;else return;e.preventDefault();let r=t[this.focusIndex];if(r&&e.key!==`Enter`){let e=this.visible().edges.filter(e=>e.source===r.id||e.target===r.id).length;this.announcement=this.t.graphFocus(r.name,e)}}toggleRole(e,t){let n=new Set(this.roleFilter);t?n.add(e):n.delete(e),this.roleFilter=n}render(){if(this.loadState!==`ready`)return a`<div part="base">${this.renderStatus()}</div>`;let e=this.t,t=e.locale,n=this.byId(),i=this.net.nodes.filter(e=>e.type===`PROGRAMME`).sort((e,n)=>e.name.localeCompare(n.name,t)),o=[...new Set(this.net.nodes.flatMap(e=>e.footprints))].map(e=>({key:e,name:this.footprintNames.get(e)??e})).sort((e,n)=>e.name.localeCompare(n.name,t)),s=[...new Set(this.net.edges.map(e=>e.role).filter(e=>!!e))],c=this.partnerships().map(e=>({organisation:n.get(e.source),programme:n.get(e.target),role:e.role??``,inference:e.inferred?e.inference??``:void 0})).sort((e,n)=>e.programme.name.localeCompare(n.programme.name,t)||e.organisation.name.localeCompare(n.organisation.name,t)),l=new Set(this.visible().nodes.map(e=>e.id)),u=new Set(c.map(e=>e.organisation.id)).size,d=new Set(c.map(e=>e.programme.id)).size,f=e=>a`<button type="button" class="link-button" aria-describedby="expand-hint" @click=${()=>this.choose(e.id)}>${e.name}</button>`;return a`<section part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${e.networkHeading(this.centreName)}</h2>
      <p role="status">${e.networkSummary(u,d)}</p>
      <div class="filters" part="filters">
        <div class="field">
          <label for="programme-filter">${e.programmeFilter}</label>
          <select id="programme-filter" @change=${e=>this.programmeFilter=e.target.value}>
            <option value="">${e.anyOption}</option>
            ${i.map(e=>a`<option value=${e.id} ?selected=${e.id===this.programmeFilter}>${e.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="footprint-filter">${e.footprintFilter}</label>
          <select id="footprint-filter" @change=${e=>this.footprintFilter=e.target.value}>
            <option value="">${e.anyOption}</option>
            ${o.map(e=>a`<option value=${e.key} ?selected=${e.key===this.footprintFilter}>${e.name}</option>`)}
          </select>
        </div>
        <fieldset>
          <legend>${e.roleFilter}</legend>
          <div class="roles">${s.map(t=>a`<label class="choice"><input type="checkbox" .checked=${this.roleFilter.has(t)}
            @change=${e=>this.toggleRole(t,e.target.checked)} />${e.roles[t]??t}</label>`)}</div>
        </fieldset>
        <fieldset>
          <legend>${e.viewLabel}</legend>
          <div class="views">
            ${[`table`,`graph`].map(t=>a`<label class="choice"><input type="radio" name="view" value=${t}
              .checked=${this.view===t} @change=${()=>this.view=t} />${t===`table`?e.viewTable:e.viewGraph}</label>`)}
          </div>
        </fieldset>
      </div>
      <p id="expand-hint" class="hint">${e.expandHint}</p>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      ${this.view===`graph`?this.renderGraph():r}
      ${c.length===0?a`<p>${e.noPartnerships}</p>`:a`
        <table part="table" ?hidden=${this.view===`graph`&&this.graphState===`ready`}>
          <caption>${e.networkSummary(u,d)}</caption>
          <thead><tr><th scope="col">${e.networkColumns.organisation}</th><th scope="col">${e.networkColumns.role}</th><th scope="col">${e.networkColumns.programme}</th></tr></thead>
          <tbody>${c.map(t=>a`<tr>
            <td>${f(t.organisation)}${t.organisation.organisationKind?a`<br /><span class="muted">${e.organisationKinds[t.organisation.organisationKind]}</span>`:r}</td>
            <td>${e.roles[t.role]??t.role}${t.inference===void 0?r:a`<br /><span class="inferred" part="inferred">${e.inferred(t.inference)}</span>`}</td>
            <td>${f(t.programme)}</td>
          </tr>`)}</tbody>
        </table>`}
      ${this.renderProgrammes(i.filter(e=>l.has(e.id)),n,f)}
    </section>`}renderProgrammes(e,t,n){if(e.length===0)return r;let i=this.t,o=new Map(this.net.edges.filter(e=>e.type===`PROGRAMME_PART_OF`).map(e=>[e.source,t.get(e.target)]));return a`<div ?hidden=${this.view===`graph`&&this.graphState===`ready`}>
      <h3>${i.programmesHeading}</h3>
      <ul class="programmes">${e.map(e=>{let t=o.get(e.id);return a`<li>${n(e)}${t?a` <span class="muted">(${i.partOf(t.name)})</span>`:r}</li>`})}</ul>
    </div>`}renderGraph(){let e=this.t;return a`${this.graphState===`loading`?a`<p class="status" role="status">${e.graphLoading}</p>`:r}
      ${this.graphState===`unavailable`?a`<p class="status" role="status">${e.graphUnavailable}</p>`:r}
      <p id="graph-help" class="hint">${e.graphHelp}</p>
      <div class="graph" part="graph" tabindex="0" role="application" aria-label=${e.graphLabel} aria-describedby="graph-help"
        ?hidden=${this.graphState===`unavailable`} @keydown=${this.onGraphKey}></div>
      <div class="legend" part="legend" ?hidden=${this.graphState===`unavailable`}>
        <h3 id="graph-legend">${e.graphLegend}</h3>
        <ul aria-labelledby="graph-legend">
          <li><span class="line stated" aria-hidden="true"></span>${e.legendStated}</li>
          <li><span class="line dashed" aria-hidden="true"></span>${e.legendInferred}</li>
        </ul>
      </div>`}};e(`ph-network`,p);export{p as t};
