import{a as e,d as t,i as n,o as r,r as i,s as a,t as o,u as s}from"./theme-ChC6ZdXC.js";var c=[`SERVICE`,`RESOURCE`,`ORGANISATION`],l=e=>c.includes(e),u=[`MONDAY`,`TUESDAY`,`WEDNESDAY`,`THURSDAY`,`FRIDAY`,`SATURDAY`,`SUNDAY`];function d(e,t){let n=t.openingHours,r=e.opens?n.time(e.opens):``,i=e.closes?n.time(e.closes):``,a=r&&i?n.range(r,i):r?n.from(r):i?n.until(i):``,o=e.validFrom&&e.validTo?n.validBetween(t.date(e.validFrom),t.date(e.validTo)):e.validFrom?n.validFrom(t.date(e.validFrom)):e.validTo?n.validTo(t.date(e.validTo)):``;return{times:a,note:[e.weekOfMonth?n.weekOfMonth(e.weekOfMonth):``,e.everyWeeks&&e.everyWeeks>1?n.everyWeeks(e.everyWeeks):``,o,e.note??``].filter(Boolean).join(`. `)}}function f(e,t){let n=t.openingHours,r=/* @__PURE__ */ new Map,i=[];for(let a of e??[]){let{times:e,note:o}=d(a,t);if(!a.day){let t=[e,o].filter(Boolean).join(`. `);t&&i.push(t);continue}let s=r.get(a.day)??{times:[],notes:[]};s.times.push(e||n.timesNotGiven),o&&!s.notes.includes(o)&&s.notes.push(o),r.set(a.day,s)}let a=u.filter(e=>r.has(e)).map(e=>({index:u.indexOf(e),times:n.and(r.get(e).times),note:r.get(e).notes.join(`. `)})),o=[];for(let e=0;e<a.length;){let t=e;for(;t+1<a.length&&a[t+1].index===a[t].index+1&&a[t+1].times===a[e].times&&a[t+1].note===a[e].note;)t++;let r=e=>n.days[u[e]]??u[e],i=r(a[e].index),s=r(a[t].index);o.push({days:t===e?i:t===e+1?n.dayPair(i,s):n.dayRange(i,s),times:a[e].times,note:a[e].note}),e=t+1}return{rows:o,other:i}}var p=`query DirectoryOptions($after: String) {
  topics(first: 100) { edges { node { key name } } }
  areas(level: BOROUGH, first: 100, after: $after) { edges { node { key name } } pageInfo { hasNextPage endCursor } }
}`,m=`query DirectorySearch($text: String, $topic: String, $area: String, $kinds: [SearchKind!], $near: NearInput, $first: Int, $after: String) {
  search(text: $text, topic: $topic, area: $area, kinds: $kinds, near: $near, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor distanceKm
      node {
        __typename
        ... on Service { id name description demo provider { name } topics { name } }
        ... on Resource { id name description demo resourceKind: kind publisher { name } topics { name } }
        ... on Organisation { id name description demo organisationKind: kind town }
      }
    }
  }
}`,h=`query DirectoryDetail($id: ID!) {
  node(id: $id) {
    __typename
    ... on Service { id name description demo eligibility referralRoute phone email url provider { name } topics { name } areas { name }
      locations { name addressLines town postcode } openingHours { day opens closes weekOfMonth everyWeeks validFrom validTo note } }
    ... on Resource { id name description demo resourceKind: kind audience url publisher { name } topics { name } }
    ... on Organisation { id name description demo organisationKind: kind website addressLines town postcode services { id name } partnerships { role programme { name } } }
  }
}`,g=s`
  form { margin-bottom: var(--_space); }
  .field { margin-bottom: var(--_space); }
  .filters { display: grid; gap: 0 var(--_space); grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); }
  fieldset { border: 0; padding: 0; margin: 0 0 var(--_space); min-width: 0; }
  .choice { display: flex; align-items: center; min-height: 32px; font-weight: 400; margin: 0; }
  .count { font-weight: 600; }
  ol.results { list-style: none; padding: 0; margin: 0 0 var(--_space); }
  .result { border-bottom: 1px solid var(--_border); padding: var(--_space) 0; }
  .result h3 { font-size: 1.125em; margin-bottom: 4px; }
  .result .link-button { font-weight: 600; font-size: inherit; }
  .meta { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; color: var(--_secondary-text); margin-bottom: 4px; }
  .description { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; margin: 0; }
  .topics { list-style: none; padding: 0; margin: 4px 0 0; display: flex; flex-wrap: wrap; gap: 4px; }
  .detail { border-top: 4px solid var(--_primary); padding-top: var(--_space); }
  .detail h3:focus { outline: none; }
  dl { margin: 0; }
  dt { font-weight: 600; margin-top: calc(var(--_space) / 2); }
  dd { margin: 0; white-space: pre-line; }
  ul.plain { padding-left: 1.25em; margin: 0; }
  table.opening-hours { border-collapse: collapse; margin: 4px 0; }
  .opening-hours th, .opening-hours td { text-align: left; vertical-align: top; padding: 4px 16px 4px 0; border-bottom: 1px solid var(--_border); }
  .opening-hours thead th { font-weight: 600; }
  .opening-hours tbody th { font-weight: 400; }
  dd p { margin: 0; }
`,_=class extends i{static{this.styles=[o,g]}static{this.properties={...i.properties,area:{type:String},topic:{type:String},kind:{type:String},text:{type:String},postcode:{type:String},pageSize:{type:Number,attribute:`page-size`},heading:{type:String},query:{state:!0},options:{state:!0},results:{state:!0},total:{state:!0},hasMore:{state:!0},moreLoading:{state:!0},detail:{state:!0},detailLoading:{state:!0}}}constructor(){super(),this.endCursor=null,this.reloadOn=[`area`,`topic`,`kind`,`text`,`postcode`,`pageSize`],this.area=``,this.topic=``,this.kind=``,this.text=``,this.postcode=``,this.pageSize=10,this.heading=``,this.query={text:``,topic:``,area:``,postcode:``,kinds:[]},this.results=[],this.total=0,this.hasMore=!1,this.moreLoading=!1,this.detailLoading=!1}willUpdate(e){if(this.reloadOn.some(t=>e.has(t))){let e=this.kind.split(`,`).map(e=>e.trim().toUpperCase()).filter(l);this.query={text:this.text,topic:this.topic,area:this.area,postcode:this.postcode,kinds:e},this.detail=void 0}super.willUpdate(e)}async load(e){let[t]=await Promise.all([this.search(null,e),this.options?void 0:this.loadOptions(e)]);e.aborted||(this.results=t.edges,this.total=t.totalCount,this.hasMore=t.pageInfo.hasNextPage,this.endCursor=t.pageInfo.endCursor,n(this,`ph-load`,{shown:this.results.length,total:this.total}))}async search(e,t){let n=this.query,r={text:n.text.trim()||null,topic:n.topic||null,area:n.postcode.trim()?null:n.area||null,near:n.postcode.trim()?{postcode:n.postcode.trim(),radiusKm:5}:null,kinds:n.kinds.length>0?n.kinds:null,first:Math.max(1,Math.min(100,Math.floor(this.pageSize)||10)),after:e};return(await this.client.query(m,r,t)).search}async loadOptions(e){let t=[],n=[],r=null;for(let i=0;i<10;i++){let a=await this.client.query(p,{after:r},e);if(i===0&&t.push(...a.topics.edges.map(e=>e.node)),n.push(...a.areas.edges.map(e=>e.node)),!a.areas.pageInfo.hasNextPage)break;r=a.areas.pageInfo.endCursor}let i=this.t.locale;n.sort((e,t)=>e.name.localeCompare(t.name,i)),this.options={topics:t,areas:n}}messageFor(t,n){let r=n instanceof e?n.argument??``:``;return(t===`NOT_FOUND`||t===`BAD_USER_INPUT`)&&r.startsWith(`near`)?this.t.unknownPostcode:super.messageFor(t,n)}onSubmit(e){e.preventDefault();let t=new FormData(e.target),n=e=>String(t.get(e)??``);this.query={text:n(`text`),topic:n(`topic`),area:n(`area`),postcode:n(`postcode`),kinds:t.getAll(`kinds`).map(String)},this.detail=void 0,this.reload()}async showMore(){if(!this.endCursor)return;let e=this.results.length;this.moreLoading=!0;try{let t=await this.search(this.endCursor);this.results=[...this.results,...t.edges],this.hasMore=t.pageInfo.hasNextPage,this.endCursor=t.pageInfo.endCursor,n(this,`ph-load`,{shown:this.results.length,total:this.total}),await this.updateComplete,this.renderRoot.querySelectorAll(`.result .link-button`)[e]?.focus()}catch(e){this.fail(e)}finally{this.moreLoading=!1}}async openDetail(e){if(n(this,`ph-select`,{id:e.id,kind:e.__typename,name:e.name})){this.openedFrom=e.id,this.detailLoading=!0;try{this.detail=(await this.client.query(h,{id:e.id})).node,await this.updateComplete,this.renderRoot.querySelector(`.detail h3`)?.focus()}catch(e){this.fail(e)}finally{this.detailLoading=!1}}}async closeDetail(){this.detail=void 0,await this.updateComplete,this.renderRoot.querySelector(`[data-id="${CSS.escape(this.openedFrom??``)}"]`)?.focus()}render(){let e=this.t;return a`<section part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${this.heading||e.directoryHeading}</h2>
      ${this.detail?this.renderDetail(this.detail):a`${this.renderForm()}${this.renderResults()}`}
    </section>`}renderForm(){let e=this.t,t=this.query,n=this.options,i=n?.areas.some(e=>e.key===t.area);return a`<form part="form" role="search" @submit=${this.onSubmit}>
      <div class="field">
        <label for="text">${e.searchLabel}</label>
        <span class="hint" id="text-hint">${e.searchHint}</span>
        <input id="text" name="text" type="search" maxlength="200" aria-describedby="text-hint" .value=${t.text} />
      </div>
      <div class="filters">
        <div class="field">
          <label for="topic">${e.topicLabel}</label>
          <select id="topic" name="topic">
            <option value="">${e.anyOption}</option>
            ${n?.topics.map(e=>a`<option value=${e.key} ?selected=${e.key===t.topic}>${e.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="area">${e.areaLabel}</label>
          <select id="area" name="area">
            <option value="">${e.anyOption}</option>
            ${t.area&&!i?a`<option value=${t.area} selected>${t.area}</option>`:r}
            ${n?.areas.map(e=>a`<option value=${e.key} ?selected=${e.key===t.area}>${e.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="postcode">${e.postcodeLabel}</label>
          <span class="hint" id="postcode-hint">${e.postcodeHint}</span>
          <input id="postcode" name="postcode" type="text" autocomplete="postal-code" spellcheck="false" maxlength="10"
            aria-describedby="postcode-hint" .value=${t.postcode} />
        </div>
        <fieldset>
          <legend>${e.kindLabel}</legend>
          ${c.map(n=>a`<label class="choice"><input type="checkbox" name="kinds" value=${n}
            ?checked=${t.kinds.includes(n)} />${e.kinds[n]}</label>`)}
        </fieldset>
      </div>
      <button type="submit" class="button" part="button">${e.searchButton}</button>
    </form>`}renderResults(){let e=this.t,t=this.loadState===`ready`;return a`<p class="count" part="count" role="status">${t?e.resultsCount(this.results.length,this.total):``}</p>
      ${this.renderStatus()}
      ${t&&this.total===0?a`<p>${e.noResults}</p>`:r}
      ${t&&this.results.length>0?a`<ol class="results" part="results" aria-busy=${this.detailLoading?`true`:`false`}>${this.results.map(e=>this.renderResult(e))}</ol>`:r}
      ${t&&this.hasMore?a`<button type="button" class="button-secondary" part="button" ?disabled=${this.moreLoading} @click=${this.showMore}>
            ${this.moreLoading?e.loading:e.showMore}</button>`:r}`}renderResult({node:e,distanceKm:t}){let n=this.t,i=e.provider?n.providedBy(e.provider.name):e.publisher?n.publishedBy(e.publisher.name):e.town??``;return a`<li class="result" part="result">
      <h3><button type="button" class="link-button" data-id=${e.id} @click=${()=>this.openDetail(e)}>${e.name}</button></h3>
      <p class="meta">
        <span class="tag">${this.kindLabel(e)}</span>
        ${e.demo?a`<span class="tag tag-demo">${n.demoTag}</span>`:r}
        ${i?a`<span>${i}</span>`:r}
        ${t==null?r:a`<span>${n.distance(t)}</span>`}
      </p>
      ${e.description?a`<p class="description">${e.description}</p>`:r}
    </li>`}kindLabel(e){let t=this.t;return e.organisationKind?t.organisationKinds[e.organisationKind]??t.kindSingular.Organisation:e.resourceKind?t.resourceKinds[e.resourceKind]??t.kindSingular.Resource:t.kindSingular[e.__typename]??e.__typename}renderDetail(e){let t=this.t.detail,n=(e,t)=>t?a`<dt>${e}</dt><dd>${t}</dd>`:r,i=e=>e&&/^https?:\/\//i.test(e)?a`<a href=${e} rel="noopener">${e}</a>`:e,o=e.provider?this.t.providedBy(e.provider.name):e.publisher?this.t.publishedBy(e.publisher.name):``;return a`<article class="detail" part="detail" aria-labelledby="detail-heading">
      <button type="button" class="link-button" @click=${this.closeDetail}>${this.t.backToResults}</button>
      <h3 id="detail-heading" tabindex="-1">${e.name}</h3>
      <p class="meta"><span class="tag">${this.kindLabel(e)}</span>
        ${e.demo?a`<span class="tag tag-demo">${this.t.demoTag}</span>`:r}${o?a`<span>${o}</span>`:r}</p>
      <dl>
        ${n(t.description,e.description)}
        ${n(t.eligibility,e.eligibility)}
        ${n(t.audience,e.audience)}
        ${n(t.referral,e.referralRoute)}
        ${n(t.phone,e.phone?a`<a href="tel:${e.phone.replace(/\s+/g,``)}">${e.phone}</a>`:null)}
        ${n(t.email,e.email?a`<a href="mailto:${e.email}">${e.email}</a>`:null)}
        ${n(t.website,i(e.url??e.website))}
        ${n(t.address,e.addressLines?.length?[...e.addressLines,e.town,e.postcode].filter(Boolean).join(`
`):null)}
        ${n(t.locations,e.locations?.length?a`<ul class="plain">${e.locations.map(e=>a`<li>${[e.name,...e.addressLines??[],e.town,e.postcode].filter(Boolean).join(`, `)}</li>`)}</ul>`:null)}
        ${e.__typename===`Service`?this.renderOpeningHours(e):r}
        ${n(t.areas,e.areas?.map(e=>e.name).join(`, `))}
        ${n(t.topics,e.topics?.map(e=>e.name).join(`, `))}
        ${n(t.services,e.services?.length?a`<ul class="plain">${e.services.map(e=>a`<li>${e.name}</li>`)}</ul>`:null)}
        ${n(t.programmes,e.partnerships?.length?a`<ul class="plain">${e.partnerships.map(e=>a`<li>${e.programme.name} (${this.t.roles[e.role]??e.role})</li>`)}</ul>`:null)}
      </dl>
    </article>`}renderOpeningHours(e){let t=this.t.openingHours,{rows:n,other:i}=f(e.openingHours,this.t),o=n.some(e=>e.note);return a`<dt id="opening-hours">${t.heading}</dt>
      <dd>${n.length===0&&i.length===0?a`<p class="not-published" part="opening-hours">${t.notPublished}</p>`:a`${n.length>0?a`<table class="opening-hours" part="opening-hours" aria-labelledby="opening-hours">
                <thead><tr><th scope="col">${t.day}</th><th scope="col">${t.times}</th>${o?a`<th scope="col">${t.notes}</th>`:r}</tr></thead>
                <tbody>${n.map(e=>a`<tr><th scope="row">${e.days}</th><td>${e.times}</td>${o?a`<td>${e.note}</td>`:r}</tr>`)}</tbody></table>`:r}${i.map(e=>a`<p part="opening-hours">${e}</p>`)}`}</dd>`}};t(`ph-directory`,_);export{_ as t};
