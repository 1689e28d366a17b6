// The backup: the whole graph as one consistent snapshot taken while the service keeps serving, saved as a file; and
// its restore, into an empty database only, sent after the admin has confirmed what will happen.
import { html, nothing } from 'lit';
import { ADMIN_API, RESTORE_PATH, type RestoreCounts } from '../contract/queries/admin.js';
import { AdminError } from './api.js';
import { errorSummary, focusSummary, type SummaryEntry } from './error-summary.js';
import { AdminScreen } from './screen.js';

const kilobytes = (bytes: number): string =>
  `${(bytes / 1024).toLocaleString('en-GB', { maximumFractionDigits: 0 })} KB`;

/** The service's refusal of a restore, with what the admin can do about it. */
function restoreRefusal(error: unknown, fallback: string): SummaryEntry {
  if (error instanceof AdminError && error.code === 'DATABASE_NOT_EMPTY')
    return {
      text: `The service refused the restore, and nothing was changed: ${error.message}`,
    };
  if (error instanceof AdminError && error.code === 'BAD_USER_INPUT')
    return { text: `The file was refused and nothing was changed: ${error.message}`, field: 'restore-file' };
  return { text: fallback };
}

export class AdminBackup extends AdminScreen {
  static override properties = {
    ...AdminScreen.properties,
    busy: { state: true },
    message: { state: true },
    error: { state: true },
    restoreFile: { state: true },
    restoring: { state: true },
    restoreProblem: { state: true },
    restored: { state: true },
  };

  declare busy: boolean;
  declare message: string;
  declare error: string;
  /** The file chosen and checked, awaiting the admin's confirmation. */
  declare restoreFile: File | undefined;
  declare restoring: boolean;
  declare restoreProblem: SummaryEntry | undefined;
  declare restored: (RestoreCounts & { file: string }) | undefined;

  constructor() {
    super();
    this.busy = false;
    this.message = '';
    this.error = '';
    this.restoring = false;
  }

  private async download(): Promise<void> {
    this.busy = true;
    this.error = '';
    this.message = '';
    try {
      // Fetched with the key in its header (a plain link could not carry it), then handed to the browser as a file.
      const { blob, fileName } = await this.api.download(ADMIN_API.export);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.hidden = true;
      this.renderRoot.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.message = `Backup saved as ${fileName} (${kilobytes(blob.size)}).`;
    } catch (error) {
      this.error = this.messageOf(error);
      await this.updateComplete;
      focusSummary(this.shadowRoot);
    } finally {
      this.busy = false;
    }
  }

  private async refuse(problem: SummaryEntry): Promise<void> {
    this.restoreProblem = problem;
    await this.updateComplete;
    focusSummary(this.shadowRoot);
  }

  /** The first step: a file is chosen; nothing is sent until the admin confirms. */
  private async check(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    this.restored = undefined;
    const file = this.renderRoot.querySelector<HTMLInputElement>('#restore-file')?.files?.[0];
    if (!file) return this.refuse({ text: 'Choose the backup file to restore.', field: 'restore-file' });
    if (file.size === 0)
      return this.refuse({ text: `${file.name} is empty: choose the file a backup saved.`, field: 'restore-file' });
    this.restoreProblem = undefined;
    this.restoreFile = file;
    await this.updateComplete;
    (this.renderRoot.querySelector('#confirm-restore-heading') as HTMLElement | null)?.focus();
  }

  private cancel(): void {
    this.restoreFile = undefined;
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector('#restore-file') as HTMLElement | null)?.focus(),
    );
  }

  private async restore(): Promise<void> {
    const file = this.restoreFile!;
    this.restoring = true;
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const counts = await this.api.rest<RestoreCounts>(RESTORE_PATH, { method: 'POST', body: form });
      this.restoreFile = undefined;
      this.restoreProblem = undefined;
      this.restored = { ...counts, file: file.name };
      await this.updateComplete;
      (this.renderRoot.querySelector('#restored-heading') as HTMLElement | null)?.focus();
    } catch (error) {
      this.restoreFile = undefined;
      await this.refuse(restoreRefusal(error, this.messageOf(error)));
    } finally {
      this.restoring = false;
    }
  }

  override render() {
    const problem = this.restoreProblem;
    return html`
      ${errorSummary(this.shadowRoot, [...(this.error ? [{ text: this.error }] : []), ...(problem ? [problem] : [])])}
      <h1 tabindex="-1">Backup</h1>
      <p>Download the whole graph as a backup file (JSON Lines with a checksum). It is one consistent snapshot, taken while the service keeps serving, the same as <code>npm run export</code> gives.</p>
      <p class="warning">The file holds people’s contact details: keep it where only admins can read it. API keys are never in it.</p>
      <button type="button" class="button" ?disabled=${this.busy} @click=${() => void this.download()}>${this.busy ? 'Preparing the backup…' : 'Download a backup'}</button>
      <p role="status">${this.message || nothing}</p>
      <h2>Restore a backup</h2>
      <p class="warning">A backup is restored only into an empty database: this service refuses while it holds any records, and nothing is changed. To go back to a backup, start the service on a new, empty database with <code>SEED_ON_EMPTY=false</code> (or it seeds the empty database first), sign in there, and restore it here (or run <code>npm run restore</code>).</p>
      <p>The file is checked whole before anything is written: a cut or altered file is refused. API keys are not restored, so the keys of the new database stay as they are.</p>
      ${this.restored ? this.renderRestored(this.restored) : nothing}
      ${this.restoreFile ? this.renderConfirm(this.restoreFile) : this.renderChoose()}`;
  }

  private renderChoose() {
    const problem = this.restoreProblem?.field ? this.restoreProblem : undefined;
    return html`<form @submit=${(e: SubmitEvent) => void this.check(e)} novalidate>
      <div class="form-group ${problem ? 'form-group-error' : ''}">
        <label for="restore-file">Backup file</label>
        <span class="hint" id="restore-file-hint">A .jsonl file saved by Download a backup or by npm run export.</span>
        ${problem ? html`<span class="field-error" id="restore-file-error"><span class="visually-hidden">Error:</span> ${problem.text}</span>` : nothing}
        <input type="file" id="restore-file" accept=".jsonl,application/x-ndjson"
          aria-describedby="restore-file-hint${problem ? ' restore-file-error' : ''}" />
      </div>
      <button class="button-secondary" type="submit">Continue</button>
    </form>`;
  }

  private renderConfirm(file: File) {
    return html`<section class="banner" role="alertdialog" aria-labelledby="confirm-restore-heading" aria-describedby="confirm-restore-text">
      <h3 id="confirm-restore-heading" tabindex="-1">Restore ${file.name}?</h3>
      <p id="confirm-restore-text">Every record and link in ${file.name} (${kilobytes(file.size)}) will be written into this service’s database, which must be empty. Once it has been restored it cannot be undone from the console.</p>
      <div class="actions">
        <button type="button" class="button-warning" ?disabled=${this.restoring} @click=${() => void this.restore()}>${this.restoring ? 'Restoring…' : 'Yes, restore it'}</button>
        <button type="button" class="link-button" ?disabled=${this.restoring} @click=${() => this.cancel()}>Cancel</button>
      </div>
    </section>`;
  }

  private renderRestored(counts: RestoreCounts & { file: string }) {
    return html`<section class="banner banner-success" aria-labelledby="restored-heading">
      <h3 id="restored-heading" tabindex="-1">Backup restored</h3>
      <p>${counts.file}: ${counts.nodes.toLocaleString('en-GB')} records and ${counts.relationships.toLocaleString('en-GB')} links restored.${counts.keysLeftOut > 0 ? ` ${counts.keysLeftOut} API keys in the file were left out.` : ''}</p>
    </section>`;
  }
}
