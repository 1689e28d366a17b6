// <ph-directory>: search the directory of services, resources and organisations, with filters, paging and a detail view.
import { html, nothing, type PropertyValues } from 'lit';
import type { WidgetErrorCode } from '../../contract/errors.js';
import { DIRECTORY_KINDS, isDirectoryKind } from '../../contract/kinds.js';
import { openingTimes } from '../../contract/opening-hours.js';
import {
  DETAIL,
  OPTIONS,
  SEARCH,
  type Detail,
  type DirectoryOptions,
  type Option,
  type ResultNode,
  type SearchPage,
} from '../../contract/queries/directory.js';
import { PhElement } from '../core/base.js';
import { HubError } from '../core/client.js';
import { emit } from '../core/events.js';
import { theme } from '../core/theme.js';
import { directoryStyles } from './ph-directory.styles.js';

interface Query {
  text: string;
  topic: string;
  area: string;
  postcode: string;
  kinds: string[];
}

type Result = SearchPage['search']['edges'][number];

/**
 * A directory of services, resources and organisations. Attributes preset the search, so a borough page can show
 * "stop smoking services in Barnet" with no input: `<ph-directory area="E09000003" topic="stop-smoking" kind="service">`.
 *
 * @tagname ph-directory
 * @attr api - the service's address; the address this script came from if not given
 * @attr key - a widget API key, if the service asks for one
 * @attr area - preset borough or footprint (its GSS or ONS code)
 * @attr topic - preset topic key, such as stop-smoking
 * @attr kind - preset kinds, comma separated: service, resource, organisation
 * @attr text - preset search words
 * @attr postcode - preset postcode to search within 5 km of
 * @attr page-size - results per page, 1 to 100 (10)
 * @attr heading - the heading shown above the search
 *
 * @event ph-select - a result was chosen ({id, kind, name}); cancel it to handle the choice yourself
 * @event ph-load - results arrived ({shown, total})
 * @event ph-error - results could not be loaded ({code, message})
 *
 * @csspart base - the whole widget
 * @csspart heading - the widget's heading
 * @csspart form - the search form
 * @csspart button - the search and show-more buttons
 * @csspart count - the result count
 * @csspart results - the list of results
 * @csspart result - one result
 * @csspart detail - the detail view of one result
 * @csspart opening-hours - a service's table of opening times, or the words saying they are not published
 * @csspart status - loading and error messages
 */
export class PhDirectory extends PhElement {
  static override styles = [theme, directoryStyles];

  static override properties = {
    ...PhElement.properties,
    area: { type: String },
    topic: { type: String },
    kind: { type: String },
    text: { type: String },
    postcode: { type: String },
    pageSize: { type: Number, attribute: 'page-size' },
    heading: { type: String },
    query: { state: true },
    options: { state: true },
    results: { state: true },
    total: { state: true },
    hasMore: { state: true },
    moreLoading: { state: true },
    detail: { state: true },
    detailLoading: { state: true },
  };

  declare area: string;
  declare topic: string;
  declare kind: string;
  declare text: string;
  declare postcode: string;
  declare pageSize: number;
  declare heading: string;
  declare private query: Query;
  declare private options?: { topics: Option[]; areas: Option[] };
  declare private results: Result[];
  declare private total: number;
  declare private hasMore: boolean;
  declare private moreLoading: boolean;
  declare private detail?: Detail;
  declare private detailLoading: boolean;
  private endCursor: string | null = null;
  /** The result whose detail is open, to return focus to when it closes. */
  private openedFrom?: string;

  protected readonly reloadOn = ['area', 'topic', 'kind', 'text', 'postcode', 'pageSize'];

  constructor() {
    super();
    this.area = '';
    this.topic = '';
    this.kind = '';
    this.text = '';
    this.postcode = '';
    this.pageSize = 10;
    this.heading = '';
    this.query = { text: '', topic: '', area: '', postcode: '', kinds: [] };
    this.results = [];
    this.total = 0;
    this.hasMore = false;
    this.moreLoading = false;
    this.detailLoading = false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (this.reloadOn.some((name) => changed.has(name as keyof this))) {
      const kinds = this.kind
        .split(',')
        .map((k) => k.trim().toUpperCase())
        .filter(isDirectoryKind);
      this.query = { text: this.text, topic: this.topic, area: this.area, postcode: this.postcode, kinds };
      this.detail = undefined;
    }
    super.willUpdate(changed);
  }

  protected async load(signal: AbortSignal): Promise<void> {
    // The filters' options and the first results travel together: one round trip to first results.
    const [page] = await Promise.all([this.search(null, signal), this.options ? undefined : this.loadOptions(signal)]);
    if (signal.aborted) return;
    this.results = page.edges;
    this.total = page.totalCount;
    this.hasMore = page.pageInfo.hasNextPage;
    this.endCursor = page.pageInfo.endCursor;
    emit(this, 'ph-load', { shown: this.results.length, total: this.total });
  }

  private async search(after: string | null, signal?: AbortSignal): Promise<SearchPage['search']> {
    const q = this.query;
    const variables = {
      text: q.text.trim() || null,
      topic: q.topic || null,
      area: q.postcode.trim() ? null : q.area || null,
      near: q.postcode.trim() ? { postcode: q.postcode.trim(), radiusKm: 5 } : null,
      kinds: q.kinds.length > 0 ? q.kinds : null,
      first: Math.max(1, Math.min(100, Math.floor(this.pageSize) || 10)),
      after,
    };
    return (await this.client.query<SearchPage>(SEARCH, variables, signal)).search;
  }

  private async loadOptions(signal: AbortSignal): Promise<void> {
    const topics: Option[] = [];
    const areas: Option[] = [];
    let after: string | null = null;
    // England has about 300 boroughs; the list comes 100 at a time.
    for (let page = 0; page < 10; page++) {
      const data: DirectoryOptions = await this.client.query<DirectoryOptions>(OPTIONS, { after }, signal);
      if (page === 0) topics.push(...data.topics.edges.map((e) => e.node));
      areas.push(...data.areas.edges.map((e) => e.node));
      if (!data.areas.pageInfo.hasNextPage) break;
      after = data.areas.pageInfo.endCursor;
    }
    const locale = this.t.locale;
    areas.sort((a, b) => a.name.localeCompare(b.name, locale));
    this.options = { topics, areas };
  }

  protected override messageFor(code: WidgetErrorCode, error: unknown): string {
    const argument = error instanceof HubError ? (error.argument ?? '') : '';
    if ((code === 'NOT_FOUND' || code === 'BAD_USER_INPUT') && argument.startsWith('near'))
      return this.t.unknownPostcode;
    return super.messageFor(code, error);
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(form.get(name) ?? '');
    this.query = {
      text: value('text'),
      topic: value('topic'),
      area: value('area'),
      postcode: value('postcode'),
      kinds: form.getAll('kinds').map(String),
    };
    this.detail = undefined;
    void this.reload();
  }

  private async showMore(): Promise<void> {
    if (!this.endCursor) return;
    const firstNew = this.results.length;
    this.moreLoading = true;
    try {
      const page = await this.search(this.endCursor);
      this.results = [...this.results, ...page.edges];
      this.hasMore = page.pageInfo.hasNextPage;
      this.endCursor = page.pageInfo.endCursor;
      emit(this, 'ph-load', { shown: this.results.length, total: this.total });
      // Keyboard and screen reader users continue from the first new result, as GOV.UK's paging does.
      await this.updateComplete;
      this.renderRoot.querySelectorAll<HTMLButtonElement>('.result .link-button')[firstNew]?.focus();
    } catch (error) {
      this.fail(error);
    } finally {
      this.moreLoading = false;
    }
  }

  private async openDetail(node: ResultNode): Promise<void> {
    if (!emit(this, 'ph-select', { id: node.id, kind: node.__typename, name: node.name })) return;
    this.openedFrom = node.id;
    this.detailLoading = true;
    try {
      this.detail = (await this.client.query<{ node: Detail }>(DETAIL, { id: node.id })).node;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.detail h3')?.focus();
    } catch (error) {
      this.fail(error);
    } finally {
      this.detailLoading = false;
    }
  }

  private async closeDetail(): Promise<void> {
    this.detail = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-id="${CSS.escape(this.openedFrom ?? '')}"]`)?.focus();
  }

  override render() {
    const t = this.t;
    return html`<section part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${this.heading || t.directoryHeading}</h2>
      ${this.detail ? this.renderDetail(this.detail) : html`${this.renderForm()}${this.renderResults()}`}
    </section>`;
  }

  private renderForm() {
    const t = this.t;
    const q = this.query;
    const options = this.options;
    const areaKnown = options?.areas.some((a) => a.key === q.area);
    return html`<form part="form" role="search" @submit=${this.onSubmit}>
      <div class="field">
        <label for="text">${t.searchLabel}</label>
        <span class="hint" id="text-hint">${t.searchHint}</span>
        <input id="text" name="text" type="search" maxlength="200" aria-describedby="text-hint" .value=${q.text} />
      </div>
      <div class="filters">
        <div class="field">
          <label for="topic">${t.topicLabel}</label>
          <select id="topic" name="topic">
            <option value="">${t.anyOption}</option>
            ${options?.topics.map((o) => html`<option value=${o.key} ?selected=${o.key === q.topic}>${o.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="area">${t.areaLabel}</label>
          <select id="area" name="area">
            <option value="">${t.anyOption}</option>
            ${q.area && !areaKnown ? html`<option value=${q.area} selected>${q.area}</option>` : nothing}
            ${options?.areas.map((o) => html`<option value=${o.key} ?selected=${o.key === q.area}>${o.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="postcode">${t.postcodeLabel}</label>
          <span class="hint" id="postcode-hint">${t.postcodeHint}</span>
          <input id="postcode" name="postcode" type="text" autocomplete="postal-code" spellcheck="false" maxlength="10"
            aria-describedby="postcode-hint" .value=${q.postcode} />
        </div>
        <fieldset>
          <legend>${t.kindLabel}</legend>
          ${DIRECTORY_KINDS.map(
            (kind) => html`<label class="choice"><input type="checkbox" name="kinds" value=${kind}
            ?checked=${q.kinds.includes(kind)} />${t.kinds[kind]}</label>`,
          )}
        </fieldset>
      </div>
      <button type="submit" class="button" part="button">${t.searchButton}</button>
    </form>`;
  }

  private renderResults() {
    const t = this.t;
    const ready = this.loadState === 'ready';
    return html`<p class="count" part="count" role="status">${ready ? t.resultsCount(this.results.length, this.total) : ''}</p>
      ${this.renderStatus()}
      ${ready && this.total === 0 ? html`<p>${t.noResults}</p>` : nothing}
      ${
        ready && this.results.length > 0
          ? html`<ol class="results" part="results" aria-busy=${this.detailLoading ? 'true' : 'false'}>${this.results.map((r) => this.renderResult(r))}</ol>`
          : nothing
      }
      ${
        ready && this.hasMore
          ? html`<button type="button" class="button-secondary" part="button" ?disabled=${this.moreLoading} @click=${this.showMore}>
            ${this.moreLoading ? t.loading : t.showMore}</button>`
          : nothing
      }`;
  }

  private renderResult({ node, distanceKm }: Result) {
    const t = this.t;
    const by = node.provider
      ? t.providedBy(node.provider.name)
      : node.publisher
        ? t.publishedBy(node.publisher.name)
        : (node.town ?? '');
    return html`<li class="result" part="result">
      <h3><button type="button" class="link-button" data-id=${node.id} @click=${() => this.openDetail(node)}>${node.name}</button></h3>
      <p class="meta">
        <span class="tag">${this.kindLabel(node)}</span>
        ${node.demo ? html`<span class="tag tag-demo">${t.demoTag}</span>` : nothing}
        ${by ? html`<span>${by}</span>` : nothing}
        ${distanceKm != null ? html`<span>${t.distance(distanceKm)}</span>` : nothing}
      </p>
      ${node.description ? html`<p class="description">${node.description}</p>` : nothing}
    </li>`;
  }

  private kindLabel(node: ResultNode): string {
    const t = this.t;
    if (node.organisationKind) return t.organisationKinds[node.organisationKind] ?? t.kindSingular.Organisation!;
    if (node.resourceKind) return t.resourceKinds[node.resourceKind] ?? t.kindSingular.Resource!;
    return t.kindSingular[node.__typename] ?? node.__typename;
  }

  private renderDetail(d: Detail) {
    const t = this.t.detail;
    const row = (label: string, value: unknown) => (value ? html`<dt>${label}</dt><dd>${value}</dd>` : nothing);
    const link = (href: string | null | undefined) =>
      href && /^https?:\/\//i.test(href) ? html`<a href=${href} rel="noopener">${href}</a>` : href;
    const by = d.provider
      ? this.t.providedBy(d.provider.name)
      : d.publisher
        ? this.t.publishedBy(d.publisher.name)
        : '';
    return html`<article class="detail" part="detail" aria-labelledby="detail-heading">
      <button type="button" class="link-button" @click=${this.closeDetail}>${this.t.backToResults}</button>
      <h3 id="detail-heading" tabindex="-1">${d.name}</h3>
      <p class="meta"><span class="tag">${this.kindLabel(d)}</span>
        ${d.demo ? html`<span class="tag tag-demo">${this.t.demoTag}</span>` : nothing}${by ? html`<span>${by}</span>` : nothing}</p>
      <dl>
        ${row(t.description, d.description)}
        ${row(t.eligibility, d.eligibility)}
        ${row(t.audience, d.audience)}
        ${row(t.referral, d.referralRoute)}
        ${row(t.phone, d.phone ? html`<a href="tel:${d.phone.replace(/\s+/g, '')}">${d.phone}</a>` : null)}
        ${row(t.email, d.email ? html`<a href="mailto:${d.email}">${d.email}</a>` : null)}
        ${row(t.website, link(d.url ?? d.website))}
        ${row(t.address, d.addressLines?.length ? [...d.addressLines, d.town, d.postcode].filter(Boolean).join('\n') : null)}
        ${row(
          t.locations,
          d.locations?.length
            ? html`<ul class="plain">${d.locations.map((l) => html`<li>${[l.name, ...(l.addressLines ?? []), l.town, l.postcode].filter(Boolean).join(', ')}</li>`)}</ul>`
            : null,
        )}
        ${d.__typename === 'Service' ? this.renderOpeningHours(d) : nothing}
        ${row(t.areas, d.areas?.map((a) => a.name).join(', '))}
        ${row(t.topics, d.topics?.map((x) => x.name).join(', '))}
        ${row(t.services, d.services?.length ? html`<ul class="plain">${d.services.map((s) => html`<li>${s.name}</li>`)}</ul>` : null)}
        ${row(
          t.programmes,
          d.partnerships?.length
            ? html`<ul class="plain">${d.partnerships.map((p) => html`<li>${p.programme.name} (${this.t.roles[p.role] ?? p.role})</li>`)}</ul>`
            : null,
        )}
      </dl>
    </article>`;
  }

  /** A service's opening times as a table of days (a header cell per row), or the words saying they are not published. */
  private renderOpeningHours(d: Detail) {
    const o = this.t.openingHours;
    const { rows, other } = openingTimes(d.openingHours, this.t);
    const notes = rows.some((r) => r.note);
    return html`<dt id="opening-hours">${o.heading}</dt>
      <dd>${
        rows.length === 0 && other.length === 0
          ? html`<p class="not-published" part="opening-hours">${o.notPublished}</p>`
          : html`${
              rows.length > 0
                ? html`<table class="opening-hours" part="opening-hours" aria-labelledby="opening-hours">
                <thead><tr><th scope="col">${o.day}</th><th scope="col">${o.times}</th>${notes ? html`<th scope="col">${o.notes}</th>` : nothing}</tr></thead>
                <tbody>${rows.map(
                  (r) =>
                    html`<tr><th scope="row">${r.days}</th><td>${r.times}</td>${notes ? html`<td>${r.note}</td>` : nothing}</tr>`,
                )}</tbody></table>`
                : nothing
            }${other.map((text) => html`<p part="opening-hours">${text}</p>`)}`
      }</dd>`;
  }
}
