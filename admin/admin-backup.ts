// The backup: the whole graph as one consistent snapshot taken while the service keeps serving, saved as a file.
import { html, nothing } from 'lit';
import { ADMIN_API } from '../contract/queries/admin.js';
import { errorSummary, focusSummary } from './error-summary.js';
import { AdminScreen } from './screen.js';

export class AdminBackup extends AdminScreen {
  static override properties = {
    ...AdminScreen.properties,
    busy: { state: true },
    message: { state: true },
    error: { state: true },
  };

  declare busy: boolean;
  declare message: string;
  declare error: string;

  constructor() {
    super();
    this.busy = false;
    this.message = '';
    this.error = '';
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
      this.message = `Backup saved as ${fileName} (${(blob.size / 1024).toLocaleString('en-GB', { maximumFractionDigits: 0 })} KB).`;
    } catch (error) {
      this.error = this.messageOf(error);
      await this.updateComplete;
      focusSummary(this.shadowRoot);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`
      ${errorSummary(this.shadowRoot, this.error ? [{ text: this.error }] : [])}
      <h1 tabindex="-1">Backup</h1>
      <p>Download the whole graph as a backup file (JSON Lines with a checksum). It is one consistent snapshot, taken while the service keeps serving, the same as <code>npm run export</code> gives.</p>
      <p class="warning">The file holds people’s contact details: keep it where only admins can read it. API keys are never in it.</p>
      <p>To restore it, use <code>npm run restore</code> into an empty database.</p>
      <button type="button" class="button" ?disabled=${this.busy} @click=${() => void this.download()}>${this.busy ? 'Preparing the backup…' : 'Download a backup'}</button>
      <p role="status">${this.message || nothing}</p>`;
  }
}
