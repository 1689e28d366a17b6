// Finding a record: by the words of its name or description across every kind the search covers, or by its id.
import { html, nothing } from 'lit';
import { searchDocument, type SearchAnswer, type SearchHit } from '../contract/queries/admin.js';
import { errorSummary, focusSummary } from './error-summary.js';
import { emitAdmin } from './events.js';
import { AdminScreen } from './screen.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHOWN = 20;

export class AdminFinder extends AdminScreen {
  static override properties = {
    ...AdminScreen.properties,
    hits: { state: true },
    total: { state: true },
    error: { state: true },
    searching: { state: true },
  };

  declare hits: SearchHit[] | undefined;
  declare total: number;
  declare error: string;
  declare searching: boolean;

  constructor() {
    super();
    this.hits = undefined;
    this.total = 0;
    this.error = '';
    this.searching = false;
  }

  override firstUpdated(): void {
    if (!performance.getEntriesByName('admin-search-ready').length) performance.mark('admin-search-ready');
  }

  private async find(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const text = this.renderRoot.querySelector<HTMLInputElement>('#find-text')!.value.trim();
    if (!text) {
      this.error = 'Enter words from the record’s name or description, or its id.';
      await this.updateComplete;
      focusSummary(this.shadowRoot);
      return;
    }
    this.error = '';
    if (UUID.test(text)) {
      emitAdmin(this, 'admin-open', { id: text.toLowerCase() });
      return;
    }
    this.searching = true;
    try {
      const kinds = this.model.labels.flatMap((l) => (l.searchKind ? [l.searchKind] : []));
      const answer = await this.api.graphql<SearchAnswer>(searchDocument(this.model), { text, kinds, first: SHOWN });
      this.hits = answer.search.edges;
      this.total = answer.search.totalCount;
    } catch (error) {
      this.error = this.messageOf(error);
    } finally {
      this.searching = false;
    }
  }

  override render() {
    return html`
      ${errorSummary(this.shadowRoot, this.error ? [{ text: this.error, field: 'find-text' }] : [])}
      <h1 tabindex="-1">Find a record</h1>
      <form role="search" @submit=${(e: SubmitEvent) => void this.find(e)} novalidate>
        <div class="form-group ${this.error ? 'form-group-error' : ''}">
          <label for="find-text">Name, words from its description, or id</label>
          <span class="hint" id="find-hint">Searches every kind of record: organisations, services, programmes, actions, people, roles and more. Retired records are found by id only.</span>
          <div class="inline">
            <input type="search" id="find-text" name="text" aria-describedby="find-hint" autocomplete="off" />
            <button class="button" type="submit" ?disabled=${this.searching}>Search</button>
          </div>
        </div>
      </form>
      ${this.renderHits()}`;
  }

  private renderHits() {
    if (this.searching) return html`<p role="status">Searching…</p>`;
    if (!this.hits) return nothing;
    return html`<h2 role="status">${this.total === 0 ? 'No records found' : `${this.total} ${this.total === 1 ? 'record' : 'records'} found${this.total > SHOWN ? `, first ${SHOWN} shown` : ''}`}</h2>
      <ul class="results">
        ${this.hits.map(
          (hit) => html`<li>
            <a href="#record/${hit.node.id}">${hit.node.name ?? hit.node.key}</a>
            <span class="tag">${hit.node.__typename}</span>
            ${hit.highlight && hit.highlight.field !== 'name' ? html`<span class="hint">${hit.highlight.text}</span>` : nothing}
            <span class="hint">Key ${hit.node.key}</span>
          </li>`,
        )}
      </ul>`;
  }
}
