// A record's links: every link it has, both ways and by type (partnerships with their roles among them, and links to
// retired records), each with a button to unlink it, and a form to link it to another record by any relationship the
// model allows from or to its kind.
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import {
  type AdminLabel,
  type AdminModel,
  type AdminRelationship,
  propertyLabel,
  relationshipLabel,
} from '../contract/admin-model.js';
import {
  type AdminRecord,
  LINK_RECORDS,
  LINKS_SHOWN,
  RECORD_LINKS,
  type RecordLinkGroup,
  type SearchAnswer,
  type SearchHit,
  searchDocument,
  UNLINK_RECORDS,
} from '../contract/queries/admin.js';
import { AdminError, type AdminApi } from './api.js';
import { errorSummary, focusSummary } from './error-summary.js';
import { emitAdmin } from './events.js';
import { adminStyles } from './styles.js';
import { draftIn, fieldInput, typeWords } from './field-input.js';
import { draftOf, isEmpty, parseDraft, showValue } from './values.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A way this record may be linked: a relationship, and whether this record starts it. */
interface LinkChoice {
  relationship: AdminRelationship;
  direction: 'out' | 'in';
  /** The kinds at the other end. */
  others: string[];
}

/**
 * The links of a record.
 *
 * @event admin-links-changed - a link was added or removed: the record is read again
 */
export class AdminLinks extends LitElement {
  static override styles = adminStyles;
  static override properties = {
    api: { attribute: false },
    model: { attribute: false },
    record: { attribute: false },
    label: { attribute: false },
    choice: { state: true },
    hits: { state: true },
    errors: { state: true },
    message: { state: true },
    busy: { state: true },
    groups: { state: true },
    changing: { state: true },
  };

  declare api: AdminApi;
  declare model: AdminModel;
  declare record: AdminRecord;
  declare label: AdminLabel;
  declare choice: string;
  declare hits: SearchHit[] | undefined;
  declare errors: { text: string; field?: string }[];
  declare message: string;
  declare busy: boolean;
  /** Every link the record has, read afresh whenever the record is. */
  declare groups: RecordLinkGroup[] | undefined;
  /** The link whose properties are being changed (`type:direction:other id`), if any. */
  declare changing: string | undefined;

  constructor() {
    super();
    this.choice = '';
    this.errors = [];
    this.message = '';
    this.busy = false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('record') && this.record) void this.loadLinks();
  }

  private async loadLinks(): Promise<void> {
    try {
      const answer = await this.api.graphql<{ recordLinks: RecordLinkGroup[] }>(RECORD_LINKS, {
        id: this.record.id,
        perType: LINKS_SHOWN,
      });
      this.groups = answer.recordLinks;
    } catch (error) {
      this.groups = [];
      this.fail(error);
    }
  }

  private get choices(): LinkChoice[] {
    const label = this.label.label;
    return this.model.relationships.flatMap((relationship) => [
      ...(relationship.from.includes(label)
        ? [{ relationship, direction: 'out' as const, others: relationship.to }]
        : []),
      ...(relationship.to.includes(label)
        ? [{ relationship, direction: 'in' as const, others: relationship.from }]
        : []),
    ]);
  }

  private chosen(): LinkChoice | undefined {
    return this.choices.find((c) => `${c.relationship.type}:${c.direction}` === this.choice);
  }

  private fail(error: unknown, field?: string): void {
    if (error instanceof AdminError && error.signedOut) emitAdmin(this, 'admin-signed-out', { message: error.message });
    this.errors = [{ text: (error as Error).message, field }];
    void this.updateComplete.then(() => focusSummary(this.shadowRoot));
  }

  /** Sets a link's own properties (a partner's role) with linkRecords, which changes an existing link in place. */
  private async changeLink(event: SubmitEvent, group: RecordLinkGroup, other: { id: string; name: string }) {
    event.preventDefault();
    const relationship = this.model.relationships.find((r) => r.type === group.type)!;
    const properties: Record<string, unknown> = {};
    for (const property of relationship.properties) {
      const value = parseDraft(property, draftIn(this.renderRoot as ShadowRoot, property));
      if (value !== undefined) properties[property.name] = value;
    }
    const [from, to] = group.direction === 'OUT' ? [this.record.id, other.id] : [other.id, this.record.id];
    this.busy = true;
    try {
      await this.api.graphql(LINK_RECORDS, { type: group.type, from, to, properties });
      this.errors = [];
      this.changing = undefined;
      this.message = `Changed the link with ${other.name} (${relationshipLabel(group.type)}).`;
      this.dispatchEvent(new CustomEvent('admin-links-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy = false;
    }
  }

  private async unlink(rel: string, direction: 'out' | 'in', other: { id: string; name: string }): Promise<void> {
    const [from, to] = direction === 'out' ? [this.record.id, other.id] : [other.id, this.record.id];
    this.busy = true;
    try {
      await this.api.graphql(UNLINK_RECORDS, { type: rel, from, to });
      this.errors = [];
      this.message = `Unlinked ${other.name} (${relationshipLabel(rel)}).`;
      this.dispatchEvent(new CustomEvent('admin-links-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy = false;
    }
  }

  private async find(): Promise<void> {
    const choice = this.chosen();
    const text = this.renderRoot.querySelector<HTMLInputElement>('#link-other')!.value.trim();
    if (!choice || !text || UUID.test(text)) return;
    const kinds = this.model.labels
      .filter((l) => choice.others.includes(l.label) && l.searchKind)
      .map((l) => l.searchKind!);
    try {
      this.hits = (
        await this.api.graphql<SearchAnswer>(searchDocument(this.model), { text, kinds, first: 10 })
      ).search.edges;
    } catch (error) {
      this.fail(error, 'link-other');
    }
  }

  private async link(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const choice = this.chosen();
    const form = event.target as HTMLFormElement;
    const typed = (form.querySelector<HTMLInputElement>('#link-other')?.value ?? '').trim();
    const picked = form.querySelector<HTMLInputElement>('input[name="link-hit"]:checked')?.value;
    const other = picked ?? (UUID.test(typed) ? typed.toLowerCase() : undefined);
    const errors: { text: string; field: string }[] = [];
    if (!choice) errors.push({ text: 'Choose the kind of link.', field: 'link-type' });
    if (!other)
      errors.push({
        text: 'Choose the other record: type words from its name and press Find, then pick it, or paste its id.',
        field: 'link-other',
      });
    if (errors.length > 0 || !choice || !other) {
      this.errors = errors;
      await this.updateComplete;
      focusSummary(this.shadowRoot);
      return;
    }
    const properties: Record<string, unknown> = {};
    for (const property of choice.relationship.properties) {
      const value = parseDraft(
        property,
        form.querySelector<HTMLInputElement>(`[name="link-${property.name}"]`)?.value ?? '',
      );
      if (value !== undefined) properties[property.name] = value;
    }
    const [from, to] = choice.direction === 'out' ? [this.record.id, other] : [other, this.record.id];
    this.busy = true;
    try {
      await this.api.graphql(LINK_RECORDS, { type: choice.relationship.type, from, to, properties });
      this.errors = [];
      this.hits = undefined;
      this.choice = '';
      form.reset();
      this.message = `Linked (${relationshipLabel(choice.relationship.type)}).`;
      this.dispatchEvent(new CustomEvent('admin-links-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.fail(error, 'link-type');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const groups = this.groups;
    return html`<section aria-labelledby="links-heading">
      <h2 id="links-heading">Links</h2>
      ${this.message ? html`<div class="banner banner-success" role="status"><p>${this.message}</p></div>` : nothing}
      ${
        groups === undefined
          ? html`<p role="status">Loading links…</p>`
          : groups.length === 0
            ? html`<p class="muted">This record has no links yet.</p>`
            : groups.map((group) => this.renderGroup(group))
      }
      ${this.renderForm()}
    </section>`;
  }

  /** A group's heading says which way the link runs: "Partner in" from this record, "Partner in this" towards it. */
  private renderGroup(group: RecordLinkGroup) {
    const direction = group.direction === 'OUT' ? 'out' : 'in';
    const words = relationshipLabel(group.type);
    const title = `${words.charAt(0).toUpperCase()}${words.slice(1)}${direction === 'in' ? ' this' : ''}`;
    const relationship = this.model.relationships.find((r) => r.type === group.type);
    const propertyNames = relationship?.properties.map((p) => p.name) ?? [];
    const headingId = `links-${group.type}-${direction}`;
    return html`<section aria-labelledby=${headingId}>
      <h3 id=${headingId}>${title} <span class="muted">(${group.totalCount.toLocaleString('en-GB')})</span></h3>
      ${relationship ? html`<p class="hint">${relationship.description}</p>` : nothing}
      <ul class="results">
        ${group.links.map((link) => {
          const shown = propertyNames.filter((name) => !isEmpty(link.properties[name]));
          return html`<li>
            <a href="#record/${link.other.id}">${link.name}</a> <span class="tag">${link.other.__typename}</span>
            ${link.other.retired ? html`<strong class="tag tag-warning">Retired</strong>` : nothing}
            ${shown.length > 0 ? html`<span class="link-properties">${shown.map((name) => `${propertyLabel(name)}: ${showValue(link.properties[name])}`).join('; ')}</span>` : nothing}
            ${
              propertyNames.length > 0
                ? html`<button type="button" class="link-button" ?disabled=${this.busy} aria-expanded=${this.changing === `${headingId}:${link.other.id}` ? 'true' : 'false'}
                  @click=${() => {
                    const key = `${headingId}:${link.other.id}`;
                    this.changing = this.changing === key ? undefined : key;
                  }}
                  >Change<span class="visually-hidden"> the link with ${link.name}</span></button>`
                : nothing
            }
            <button type="button" class="link-button" ?disabled=${this.busy}
              @click=${() => void this.unlink(group.type, direction, { id: link.other.id, name: link.name })}
              >Unlink<span class="visually-hidden"> ${link.name} from ${title.toLowerCase()}</span></button>
            ${this.changing === `${headingId}:${link.other.id}` && relationship ? this.renderChange(group, relationship, link) : nothing}
          </li>`;
        })}
      </ul>
      ${group.totalCount > group.links.length ? html`<p class="hint">Showing ${group.links.length} of ${group.totalCount.toLocaleString('en-GB')}: open a linked record to see the rest from its side.</p>` : nothing}
    </section>`;
  }

  /** The link's own properties, each with its current value, in the model's inputs. */
  private renderChange(
    group: RecordLinkGroup,
    relationship: AdminRelationship,
    link: RecordLinkGroup['links'][number],
  ) {
    return html`<form class="link-change" aria-label="The link with ${link.name}"
      @submit=${(e: SubmitEvent) => void this.changeLink(e, group, { id: link.other.id, name: link.name })} novalidate>
      ${relationship.properties.map(
        (p) => html`<div class="form-group">
          ${p.type === 'boolean' ? nothing : html`<label for="field-${p.name}">${propertyLabel(p.name)}${p.required ? '' : ' (optional)'}</label>`}
          <span class="hint" id="hint-${p.name}">${p.description} (${typeWords(p)})</span>
          ${fieldInput(p, draftOf(p, link.properties[p.name]), `hint-${p.name}`, false)}
        </div>`,
      )}
      <div class="actions">
        <button class="button" type="submit" ?disabled=${this.busy}>Save the link</button>
        <button type="button" class="link-button" @click=${() => {
          this.changing = undefined;
        }}>Cancel</button>
      </div>
    </form>`;
  }

  private renderForm() {
    const choice = this.chosen();
    const errorOf = (field: string) => this.errors.find((e) => e.field === field)?.text;
    return html`<h3>Add a link</h3>
      ${errorSummary(this.shadowRoot, this.errors)}
      <form @submit=${(e: SubmitEvent) => void this.link(e)} novalidate>
        <div class="form-group ${errorOf('link-type') ? 'form-group-error' : ''}">
          <label for="link-type">Kind of link</label>
          ${errorOf('link-type') ? html`<span class="field-error" id="link-type-error">${errorOf('link-type')}</span>` : nothing}
          <select id="link-type" aria-describedby=${errorOf('link-type') ? 'link-type-error' : nothing}
            @change=${(e: Event) => {
              this.choice = (e.target as HTMLSelectElement).value;
              this.hits = undefined;
            }}>
            <option value="">Choose a kind of link</option>
            ${this.choices.map(
              (
                c,
              ) => html`<option value="${c.relationship.type}:${c.direction}" ?selected=${this.choice === `${c.relationship.type}:${c.direction}`}>
                ${c.direction === 'out' ? `This ${relationshipLabel(c.relationship.type)} a ${c.others.join(' or ')}` : `A ${c.others.join(' or ')} ${relationshipLabel(c.relationship.type)} this`}
              </option>`,
            )}
          </select>
        </div>
        <div class="form-group ${errorOf('link-other') ? 'form-group-error' : ''}">
          <label for="link-other">Other record</label>
          <span class="hint" id="link-other-hint">Words from its name, then Find; or paste its id.</span>
          ${errorOf('link-other') ? html`<span class="field-error" id="link-other-error">${errorOf('link-other')}</span>` : nothing}
          <div class="inline">
            <input type="text" id="link-other" autocomplete="off"
              aria-describedby="link-other-hint${errorOf('link-other') ? ' link-other-error' : ''}"
              @keydown=${(e: KeyboardEvent) => {
                // Enter in the search box finds, rather than submitting the link half chosen.
                const text = (e.target as HTMLInputElement).value.trim();
                if (e.key === 'Enter' && !UUID.test(text)) {
                  e.preventDefault();
                  void this.find();
                }
              }} />
            <button type="button" class="button-secondary" @click=${() => void this.find()}>Find</button>
          </div>
          ${
            this.hits
              ? html`<fieldset>
                <legend>Matching records</legend>
                ${this.hits.length === 0 ? html`<p>No matching records of the kinds this link joins.</p>` : nothing}
                ${this.hits.map(
                  (hit, i) => html`<div class="inline">
                    <input type="radio" name="link-hit" id="link-hit-${i}" value=${hit.node.id} ?checked=${i === 0} />
                    <label for="link-hit-${i}">${hit.node.name ?? hit.node.key} (${hit.node.__typename}, ${hit.node.key})</label>
                  </div>`,
                )}
              </fieldset>`
              : nothing
          }
        </div>
        ${choice?.relationship.properties.map(
          (p) => html`<div class="form-group">
            <label for="link-${p.name}">${propertyLabel(p.name)}${p.required ? '' : ' (optional)'}</label>
            <span class="hint" id="link-${p.name}-hint">${p.description}</span>
            ${
              p.type === 'choice'
                ? html`<select id="link-${p.name}" name="link-${p.name}" aria-describedby="link-${p.name}-hint">
                  <option value="">Not set</option>
                  ${p.choices!.map((c) => html`<option value=${c}>${c}</option>`)}
                </select>`
                : html`<input type="text" id="link-${p.name}" name="link-${p.name}" aria-describedby="link-${p.name}-hint" />`
            }
          </div>`,
        )}
        <button class="button" type="submit" ?disabled=${this.busy}>Add link</button>
      </form>`;
  }
}
