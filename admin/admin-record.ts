// One record: its properties with the model's names and types, each changed on its own (GOV.UK's summary list with a
// Change link per row), the model's validation beside the field, a conflict shown as both versions side by side so
// nothing is lost, retire and restore, its links and its history.
import { html, nothing, type PropertyValues } from 'lit';
import { type AdminLabel, type AdminProperty, propertyLabel } from '../contract/admin-model.js';
import {
  type AdminRecord as RecordData,
  RECORD_KIND,
  RESTORE_RECORD,
  RETIRE_RECORD,
  recordDocument,
  UPDATE_RECORD,
} from '../contract/queries/admin.js';
import { AdminError, type FieldProblem } from './api.js';
import { errorSummary, focusSummary, type SummaryEntry } from './error-summary.js';
import { draftIn, fieldInput, typeWords } from './field-input.js';
import { AdminScreen } from './screen.js';
import { draftOf, isEmpty, sameValue, showValue, parseDraft } from './values.js';

/** An edit the service refused because someone else saved first: what the admin meant, kept until they decide. */
interface PendingChange {
  property: AdminProperty;
  /** The value the admin saw before changing it. */
  base: unknown;
  /** The value they chose; undefined to remove it. */
  mine: unknown;
  theirs: RecordData;
}

export class AdminRecordScreen extends AdminScreen {
  static override properties = {
    ...AdminScreen.properties,
    recordId: { type: String },
    opening: { attribute: false },
    record: { state: true },
    label: { state: true },
    editing: { state: true },
    problems: { state: true },
    conflict: { state: true },
    message: { state: true },
    loadError: { state: true },
    busy: { state: true },
  };

  declare recordId: string;
  /** What to say once the record is open, such as that it was just created. */
  declare opening: string;
  declare record: RecordData | undefined;
  declare label: AdminLabel | undefined;
  /** The property being changed, if any. */
  declare editing: string | undefined;
  declare problems: FieldProblem[];
  declare conflict: PendingChange | undefined;
  declare message: string;
  declare loadError: string;
  declare busy: boolean;

  constructor() {
    super();
    this.recordId = '';
    this.problems = [];
    this.message = '';
    this.loadError = '';
    this.busy = false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('recordId') && this.recordId) {
      this.record = undefined;
      this.editing = undefined;
      this.conflict = undefined;
      this.message = this.opening ?? '';
      void this.load();
    }
  }

  /** Reads the record afresh: its kind first, then every property and link the model gives that kind. */
  async read(): Promise<RecordData | undefined> {
    const kind = await this.api.graphql<{ node: { __typename: string } | null }>(RECORD_KIND, { id: this.recordId });
    if (!kind.node) return undefined;
    const label = this.model.labels.find((l) => l.label === kind.node!.__typename);
    if (!label) throw new AdminError('NOT_FOUND', `Records of kind ${kind.node.__typename} cannot be edited here.`);
    this.label = label;
    return (await this.api.graphql<{ node: RecordData }>(recordDocument(this.model, label), { id: this.recordId }))
      .node;
  }

  async load(): Promise<void> {
    this.loadError = '';
    try {
      this.record = await this.read();
      if (!this.record)
        this.loadError = `No record has id ${this.recordId}. Check the id, or find the record by search.`;
    } catch (error) {
      this.loadError = this.messageOf(error);
    }
    this.refreshHistory();
  }

  private refreshHistory(): void {
    (this.renderRoot.querySelector('admin-history') as { load?: () => Promise<void> } | null)?.load?.();
  }

  private draft(property: AdminProperty): string {
    return draftIn(this.renderRoot as ShadowRoot, property);
  }

  private startEditing(name: string): void {
    this.editing = name;
    this.problems = [];
    this.message = '';
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector(`#field-${name}`) as HTMLElement | null)?.focus(),
    );
  }

  private cancelEditing(name: string): void {
    this.editing = undefined;
    this.problems = [];
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector(`#change-${name}`) as HTMLElement | null)?.focus(),
    );
  }

  private async save(event: SubmitEvent, property: AdminProperty): Promise<void> {
    event.preventDefault();
    const record = this.record!;
    const mine = parseDraft(property, this.draft(property));
    await this.send(property, record[property.name], mine, record.version);
  }

  /** Sends one property's change against `version`; a conflict keeps the change and shows both versions. */
  private async send(property: AdminProperty, base: unknown, mine: unknown, version: number): Promise<void> {
    this.busy = true;
    try {
      await this.api.graphql(UPDATE_RECORD, {
        id: this.recordId,
        version,
        ...(mine === undefined ? { remove: [property.name] } : { set: { [property.name]: mine } }),
      });
      this.editing = undefined;
      this.conflict = undefined;
      this.problems = [];
      this.record = await this.read();
      this.message = `${propertyLabel(property.name)} saved.`;
      this.refreshHistory();
      await this.updateComplete;
      (this.renderRoot.querySelector('[data-banner]') as HTMLElement | null)?.focus();
    } catch (error) {
      if (error instanceof AdminError && error.code === 'CONFLICT') {
        const theirs = await this.read().catch(() => undefined);
        if (theirs) {
          this.conflict = { property, base, mine, theirs };
          this.editing = undefined;
          this.problems = [];
          await this.updateComplete;
          (this.renderRoot.querySelector('#conflict-heading') as HTMLElement | null)?.focus();
          return;
        }
      }
      this.problems =
        error instanceof AdminError && error.details.problems?.length
          ? (error.details.problems as FieldProblem[]).map((p) => ({ ...p, field: p.field ?? property.name }))
          : [{ field: property.name, message: this.messageOf(error) }];
      await this.updateComplete;
      focusSummary(this.shadowRoot);
    } finally {
      this.busy = false;
    }
  }

  /** Keeps the other admin's version: the change is dropped and their record shown. */
  private keepTheirs(): void {
    const theirs = this.conflict!.theirs;
    this.conflict = undefined;
    this.record = theirs;
    this.message = 'Kept their version. Your change was not saved.';
    this.refreshHistory();
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector('[data-banner]') as HTMLElement | null)?.focus(),
    );
  }

  /** Applies the admin's change on top of the other admin's version. */
  private async applyMine(): Promise<void> {
    const { property, base, mine, theirs } = this.conflict!;
    this.record = theirs;
    await this.send(property, base, mine, theirs.version);
  }

  private async retireOrRestore(retire: boolean): Promise<void> {
    const record = this.record!;
    this.busy = true;
    try {
      await this.api.graphql(retire ? RETIRE_RECORD : RESTORE_RECORD, { id: record.id, version: record.version });
      this.record = await this.read();
      this.message = retire
        ? 'Record retired. It has left lists and searches; restore it to bring it back.'
        : 'Record restored. It is back in lists and searches.';
      this.refreshHistory();
    } catch (error) {
      if (error instanceof AdminError && error.code === 'CONFLICT') {
        this.record = await this.read();
        this.message =
          'Someone else changed this record since you opened it. Here is their version: check it and try again.';
      } else this.problems = [{ message: this.messageOf(error) }];
    } finally {
      this.busy = false;
    }
    await this.updateComplete;
    (this.renderRoot.querySelector('[data-banner]') as HTMLElement | null)?.focus();
  }

  private nameOf(record: RecordData): string {
    return typeof record.name === 'string' ? record.name : record.key;
  }

  override render() {
    if (this.loadError)
      return html`<h1 tabindex="-1">Record not found</h1>
        <div class="status status-error" role="alert"><p>${this.loadError}</p></div>
        <p><a href="#records">Find a record</a></p>`;
    const record = this.record;
    const label = this.label;
    if (!record || !label) return html`<h1 tabindex="-1">Record</h1><p role="status">Loading…</p>`;
    const summary: SummaryEntry[] = this.problems.map((p) => ({
      text: `${p.field ? `${propertyLabel(p.field)}: ` : ''}${p.message}${p.fix ? ` ${p.fix}` : ''}`,
      field: p.field && this.editing === p.field ? `field-${p.field}` : undefined,
    }));
    return html`
      ${errorSummary(this.shadowRoot, summary)}
      ${this.message ? html`<div class="banner banner-success" role="status" tabindex="-1" data-banner><p>${this.message}</p></div>` : nothing}
      <p class="muted">${label.label} · key ${record.key} · version ${record.version}${record.retired ? html` · <strong class="tag tag-warning">Retired</strong>` : nothing}</p>
      <h1 tabindex="-1">${this.nameOf(record)}</h1>
      <p class="hint">${label.description}</p>
      ${this.conflict ? this.renderConflict(this.conflict) : nothing}
      <div class="layout">
        <div>
          <h2>Properties</h2>
          <dl class="summary">
            ${label.properties.filter((p) => p.name !== 'demo').map((p) => this.renderRow(p, record))}
          </dl>
          <h2>Retire or restore</h2>
          ${
            record.retired
              ? html`<p>This record is retired: it is left out of lists and searches, and kept with its history.</p>
                  <button type="button" class="button" ?disabled=${this.busy} @click=${() => void this.retireOrRestore(false)}>Restore this record</button>`
              : html`<p>Retiring takes the record out of lists and searches. It stays in the graph with its history and can be restored.</p>
                  <button type="button" class="button-warning" ?disabled=${this.busy} @click=${() => void this.retireOrRestore(true)}>Retire this record</button>`
          }
          <admin-links .api=${this.api} .model=${this.model} .record=${record} .label=${label}
            @admin-links-changed=${() => void this.load()}></admin-links>
        </div>
        <admin-history .api=${this.api} .recordId=${record.id}></admin-history>
      </div>`;
  }

  private renderRow(property: AdminProperty, record: RecordData) {
    const name = property.name;
    const title = propertyLabel(name);
    if (this.editing !== name)
      return html`<div class="summary-row">
        <dt>${title}</dt>
        <dd>${isEmpty(record[name]) ? html`<span class="muted">Not set</span>` : showValue(record[name])}</dd>
        <dd><button type="button" class="link-button" id="change-${name}" @click=${() => this.startEditing(name)}
          >Change<span class="visually-hidden"> ${title.toLowerCase()}</span></button></dd>
      </div>`;
    const problem = this.problems.find((p) => p.field === name);
    const hintId = `hint-${name}`;
    const errorId = `error-${name}`;
    const describedBy = `${hintId}${problem ? ` ${errorId}` : ''}`;
    const draft = draftOf(property, record[name]);
    return html`<div class="summary-row editing">
      <dt class="visually-hidden">${title}</dt>
      <dd><form @submit=${(e: SubmitEvent) => void this.save(e, property)} novalidate>
        <div class="form-group ${problem ? 'form-group-error' : ''}">
          ${property.type === 'boolean' ? nothing : html`<label for="field-${name}">${title}</label>`}
          <span class="hint" id=${hintId}>${property.description} (${typeWords(property)}${property.required ? ', required' : ', leave empty to remove'})</span>
          ${problem ? html`<span class="field-error" id=${errorId}><span class="visually-hidden">Error:</span> ${problem.message}${problem.fix ? ` ${problem.fix}` : ''}</span>` : nothing}
          ${fieldInput(property, draft, describedBy, Boolean(problem))}
        </div>
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.busy}>Save ${title.toLowerCase()}</button>
          <button type="button" class="link-button" @click=${() => this.cancelEditing(name)}>Cancel</button>
        </div>
      </form></dd>
    </div>`;
  }

  /** What the other admin changed, property by property, against the version this admin read. */
  private theirChanges(theirs: RecordData) {
    const read = this.record!;
    const changed = this.label!.properties.filter((p) => !sameValue(read[p.name], theirs[p.name]));
    if (changed.length === 0) return html`<p class="hint">They changed only its links or its status.</p>`;
    return html`<p>They changed:</p>
      <ul>
        ${changed.map((p) => html`<li>${propertyLabel(p.name)}: ${showValue(read[p.name])} → ${showValue(theirs[p.name])}</li>`)}
      </ul>`;
  }

  private renderConflict(conflict: PendingChange) {
    const { property, base, mine, theirs } = conflict;
    const title = propertyLabel(property.name);
    return html`<section class="banner" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading" tabindex="-1">Someone else changed this record while you were editing</h2>
      <p>Your change to ${title.toLowerCase()} has not been saved yet. Compare the two versions, then choose.</p>
      <div class="compare">
        <section aria-labelledby="theirs-heading">
          <h3 id="theirs-heading">Their version (version ${theirs.version})</h3>
          <p><strong>${title}:</strong> ${showValue(theirs[property.name])}</p>
          ${this.theirChanges(theirs)}
        </section>
        <section aria-labelledby="mine-heading">
          <h3 id="mine-heading">Your version</h3>
          <p><strong>${title}:</strong> ${mine === undefined ? 'Removed' : showValue(mine)}</p>
          <p class="hint">Before you changed it: ${showValue(base)}</p>
        </section>
      </div>
      <div class="actions">
        <button type="button" class="button" ?disabled=${this.busy} @click=${() => void this.applyMine()}>Apply my change to their version</button>
        <button type="button" class="button-secondary" ?disabled=${this.busy} @click=${() => this.keepTheirs()}>Keep their version</button>
      </div>
    </section>`;
  }
}
