// Imports: upload files, see a dry run's preview (created, updated and unchanged per kind; each conflict with the
// admin's value and the file's; each problem with its file, row, field and fix; each possible duplicate organisation),
// decide each conflict, apply, and read the import log.
import { html, nothing } from 'lit';
import { propertyLabel } from '../contract/admin-model.js';
import {
  ADMIN_API,
  type Change,
  IMPORT_LOG,
  type ImportProblem,
  type ImportReport,
  type MergeCandidate,
} from '../contract/queries/admin.js';
import { AdminError } from './api.js';
import { errorSummary, focusSummary, type SummaryEntry } from './error-summary.js';
import { AdminScreen } from './screen.js';
import { showValue, when } from './values.js';

type Counts = Record<string, { created: number; updated: number; unchanged: number }>;

export class AdminImports extends AdminScreen {
  static override properties = {
    ...AdminScreen.properties,
    preview: { state: true },
    applied: { state: true },
    problems: { state: true },
    errors: { state: true },
    decisions: { state: true },
    log: { state: true },
    busy: { state: true },
  };

  declare preview: ImportReport | undefined;
  declare applied: ImportReport | undefined;
  declare problems: ImportProblem[];
  declare errors: SummaryEntry[];
  /** Conflict id → take the file's value. */
  declare decisions: Record<string, boolean>;
  declare log: Change[] | undefined;
  declare busy: boolean;
  /** The files previewed, kept so that applying sends exactly them. */
  private files: File[] = [];

  constructor() {
    super();
    this.problems = [];
    this.errors = [];
    this.decisions = {};
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadLog();
  }

  private async loadLog(): Promise<void> {
    try {
      this.log = (await this.api.graphql<{ imports: Change[] }>(IMPORT_LOG)).imports;
    } catch (error) {
      this.errors = [{ text: this.messageOf(error) }];
    }
  }

  private body(dryRun: boolean): FormData {
    const form = new FormData();
    if (dryRun) form.append('dryRun', 'true');
    const kind = this.renderRoot.querySelector<HTMLSelectElement>('#import-kind')?.value;
    if (kind) form.append('kind', kind);
    for (const [id, takeFile] of Object.entries(this.decisions)) if (takeFile) form.append('preferFile', id);
    for (const file of this.files) form.append('file', file, file.name);
    return form;
  }

  private async send(dryRun: boolean): Promise<ImportReport | undefined> {
    this.busy = true;
    this.problems = [];
    this.errors = [];
    try {
      return await this.api.rest<ImportReport>(ADMIN_API.imports, { method: 'POST', body: this.body(dryRun) });
    } catch (error) {
      this.errors = [{ text: this.messageOf(error), field: 'import-files' }];
      if (error instanceof AdminError && error.details.problems)
        this.problems = error.details.problems as ImportProblem[];
      await this.updateComplete;
      focusSummary(this.shadowRoot);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  private async dryRun(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#import-files')!;
    this.files = [...(input.files ?? [])];
    this.applied = undefined;
    this.preview = undefined;
    this.decisions = {};
    if (this.files.length === 0) {
      this.errors = [{ text: 'Choose one or more files to import.', field: 'import-files' }];
      await this.updateComplete;
      focusSummary(this.shadowRoot);
      return;
    }
    this.preview = await this.send(true);
    await this.updateComplete;
    (this.renderRoot.querySelector('#preview-heading') as HTMLElement | null)?.focus();
  }

  private async apply(): Promise<void> {
    const report = await this.send(false);
    if (!report) return;
    this.applied = report;
    this.preview = undefined;
    await this.loadLog();
    await this.updateComplete;
    (this.renderRoot.querySelector('#applied-heading') as HTMLElement | null)?.focus();
  }

  private decideAll(takeFile: boolean): void {
    this.decisions = Object.fromEntries((this.preview?.conflicts ?? []).map((c) => [c.id, takeFile]));
  }

  override render() {
    const kinds =
      this.model.labels.find((l) => l.label === 'Organisation')?.properties.find((p) => p.name === 'kind')?.choices ??
      [];
    return html`
      ${errorSummary(this.shadowRoot, this.errors)}
      <h1 tabindex="-1">Imports</h1>
      <form @submit=${(e: SubmitEvent) => void this.dryRun(e)} novalidate>
        <div class="form-group ${this.errors.some((e) => e.field === 'import-files') ? 'form-group-error' : ''}">
          <label for="import-files">Files to import</label>
          <span class="hint" id="import-files-hint">Any format the importer reads: NHS ODS extracts, Open Referral UK feeds, the seed’s YAML, JSON or CSV. Nothing changes until you have seen the preview and applied it.</span>
          <input type="file" id="import-files" multiple aria-describedby="import-files-hint" />
        </div>
        <div class="form-group">
          <label for="import-kind">Kind of organisation, for an ODS extract (optional)</label>
          <select id="import-kind">
            <option value="">Read it from the file</option>
            ${kinds.map((k) => html`<option value=${k}>${k}</option>`)}
          </select>
        </div>
        <button class="button" type="submit" ?disabled=${this.busy}>${this.busy ? 'Working…' : 'Preview the import'}</button>
      </form>
      ${this.problems.length ? this.renderProblems(this.problems) : nothing}
      ${this.preview ? this.renderPreview(this.preview) : nothing}
      ${this.applied ? this.renderApplied(this.applied) : nothing}
      ${this.renderLog()}`;
  }

  private renderCounts(caption: string, counts: Counts) {
    const rows = Object.entries(counts);
    if (rows.length === 0) return html`<p>No ${caption.toLowerCase()}.</p>`;
    return html`<table>
      <caption>${caption}</caption>
      <thead><tr><th scope="col">Kind</th><th scope="col">Created</th><th scope="col">Updated</th><th scope="col">Unchanged</th></tr></thead>
      <tbody>${rows.map(
        ([kind, c]) =>
          html`<tr><th scope="row">${kind}</th><td>${c.created}</td><td>${c.updated}</td><td>${c.unchanged}</td></tr>`,
      )}</tbody>
    </table>`;
  }

  private renderProblems(problems: ImportProblem[]) {
    return html`<h2>Problems in the files</h2>
      <p>Nothing was imported. Put these right in the files and preview again.</p>
      <table>
        <caption class="visually-hidden">Problems, each with its file, row and field</caption>
        <thead><tr><th scope="col">File</th><th scope="col">Row</th><th scope="col">Field</th><th scope="col">Problem</th><th scope="col">How to fix it</th></tr></thead>
        <tbody>${problems.map(
          (p) =>
            html`<tr><td>${p.file}</td><td>${p.row ?? '–'}</td><td>${p.field ?? '–'}</td><td>${p.message}</td><td>${p.fix ?? ''}</td></tr>`,
        )}</tbody>
      </table>`;
  }

  private renderPreview(report: ImportReport) {
    return html`<section aria-labelledby="preview-heading">
      <h2 id="preview-heading" tabindex="-1">Preview: nothing has changed yet</h2>
      ${this.renderCounts('Records', report.nodes)}
      ${this.renderCounts('Links', report.relationships)}
      ${report.problems.length ? this.renderProblems(report.problems) : nothing}
      ${report.conflicts.length ? this.renderConflicts(report) : html`<p>No conflicts with changes made by hand.</p>`}
      ${this.renderMergeCandidates(report.mergeCandidates, false)}
      <div class="actions">
        <button type="button" class="button" ?disabled=${this.busy} @click=${() => void this.apply()}>Apply the import</button>
      </div>
    </section>`;
  }

  private renderConflicts(report: ImportReport) {
    return html`<h3>Conflicts with changes made by hand (${report.conflicts.length})</h3>
      <p>Each of these was changed by an admin, and the file says otherwise. Unless you choose the file’s, the admin’s value is kept.</p>
      <div class="actions">
        <button type="button" class="button-secondary" @click=${() => this.decideAll(false)}>Keep every admin value</button>
        <button type="button" class="button-secondary" @click=${() => this.decideAll(true)}>Take every file value</button>
      </div>
      <table>
        <caption class="visually-hidden">Conflicts, each with the admin's value and the file's</caption>
        <thead><tr><th scope="col">Record</th><th scope="col">What</th><th scope="col">Admin’s value</th><th scope="col">File’s value</th><th scope="col">Keep</th></tr></thead>
        <tbody>${report.conflicts.map((c) => {
          const what = c.field ? propertyLabel(c.field) : `link ${c.link ?? ''}`;
          const takeFile = this.decisions[c.id] === true;
          return html`<tr>
            <th scope="row">${c.record.name ?? c.record.key} <span class="hint">${c.record.label}, ${c.file}${c.row ? `, row ${c.row}` : ''}</span></th>
            <td>${what}</td>
            <td>${showValue(c.adminValue)}</td>
            <td>${showValue(c.fileValue)}</td>
            <td><fieldset>
              <legend class="visually-hidden">${c.record.name ?? c.record.key}: ${what}</legend>
              <div class="inline">
                <input type="radio" name="decision-${c.id}" id="keep-${c.id}" ?checked=${!takeFile}
                  @change=${() => (this.decisions = { ...this.decisions, [c.id]: false })} />
                <label for="keep-${c.id}">Admin’s</label>
                <input type="radio" name="decision-${c.id}" id="take-${c.id}" ?checked=${takeFile}
                  @change=${() => (this.decisions = { ...this.decisions, [c.id]: true })} />
                <label for="take-${c.id}">File’s</label>
              </div>
            </fieldset></td>
          </tr>`;
        })}</tbody>
      </table>`;
  }

  private renderApplied(report: ImportReport) {
    const taken = report.conflicts.filter((c) => c.resolution === 'took-file').length;
    return html`<section class="banner banner-success" aria-labelledby="applied-heading">
      <h2 id="applied-heading" tabindex="-1">Import applied</h2>
      <p>In ${(report.durationMs / 1000).toFixed(1)} s. ${report.conflicts.length ? `${report.conflicts.length - taken} admin values kept, ${taken} file values taken.` : ''}</p>
      ${this.renderCounts('Records', report.nodes)}
      ${this.renderMergeCandidates(report.mergeCandidates, true)}
    </section>`;
  }

  /**
   * Organisations in the files that share an identifier with one in the hub or earlier in the files: said as the
   * command line says them, each pair linked to its records' screens once they are in the hub (before an import is
   * applied, only the hub's side is).
   */
  private renderMergeCandidates(candidates: readonly MergeCandidate[] = [], applied: boolean) {
    if (candidates.length === 0) return html`<p>No organisation in the files shares an identifier with another.</p>`;
    const record = (r: MergeCandidate['record'], linked: boolean) => {
      const name = r.name ?? r.key;
      return linked ? html`<a href="#record/${encodeURIComponent(r.id)}">${name}</a>` : name;
    };
    return html`<h3>Possible duplicate organisations (${candidates.length})</h3>
      <p>Each of these organisations in the files has an identifier another organisation already has. Nothing was merged:
        open both records to decide whether they are one, and merge them by hand if so.</p>
      <table>
        <caption class="visually-hidden">Possible duplicate organisations, each with the identifier it shares</caption>
        <thead><tr><th scope="col">In the file</th><th scope="col">Already has it</th><th scope="col">Shared identifier</th></tr></thead>
        <tbody>${candidates.map(
          (m) => html`<tr>
            <th scope="row">${record(m.record, applied)} <span class="hint">${m.file}${m.row !== undefined ? `, row ${m.row}` : ''}</span></th>
            <td>${record(m.existing, applied || m.existingIn === 'hub')} <span class="hint">${m.existingIn === 'hub' ? 'in the hub' : 'earlier in the files'}</span></td>
            <td>${propertyLabel(m.identifier)} ${m.value}${m.withheld ? html`<br /><span class="hint">Left off the file’s organisation: it belongs to one organisation only.</span>` : nothing}</td>
          </tr>`,
        )}</tbody>
      </table>
      <p><strong>Nothing was merged.</strong></p>`;
  }

  private renderLog() {
    return html`<h2>Import log</h2>
      ${
        !this.log
          ? html`<p role="status">Loading…</p>`
          : this.log.length === 0
            ? html`<p>No imports yet.</p>`
            : html`<ol class="history">
              ${this.log.map(
                (entry) => html`<li><strong>${when(entry.at)}</strong> by ${entry.actor}
                  ${entry.after ? html`<br /><span class="hint">${summary(entry.after)}</span>` : nothing}</li>`,
              )}
            </ol>`
      }`;
  }
}

/** An import log entry's files and counts, as a line. */
function summary(after: Record<string, unknown>): string {
  return Object.entries(after)
    .map(([name, value]) => `${propertyLabel(name)}: ${showValue(value)}`)
    .join(' · ');
}
