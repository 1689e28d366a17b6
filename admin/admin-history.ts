// A record's history beside it: who changed it, when, and each property's value before and after, newest first.
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { propertyLabel } from '../contract/admin-model.js';
import { type Change, HISTORY } from '../contract/queries/admin.js';
import { AdminError, type AdminApi } from './api.js';
import { emitAdmin } from './events.js';
import { adminStyles } from './styles.js';
import { sameValue, showValue, when } from './values.js';

const ACTIONS: Record<string, string> = {
  CREATE: 'Created',
  UPDATE: 'Changed',
  RETIRE: 'Retired',
  RESTORE: 'Restored',
  LINK: 'Linked',
  UNLINK: 'Unlinked',
  IMPORT: 'Imported',
};

/** The differences between a change's before and after, property by property. */
function differences(change: Change): { name: string; before: unknown; after: unknown }[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((name) => name !== 'version' && !sameValue(before[name], after[name]))
    .map((name) => ({ name, before: before[name], after: after[name] }));
}

export class AdminHistory extends LitElement {
  static override styles = adminStyles;
  static override properties = {
    api: { attribute: false },
    recordId: { type: String },
    changes: { state: true },
    error: { state: true },
  };

  declare api: AdminApi;
  declare recordId: string;
  declare changes: Change[] | undefined;
  declare error: string;

  constructor() {
    super();
    this.recordId = '';
    this.error = '';
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('recordId') && this.recordId) void this.load();
  }

  async load(): Promise<void> {
    try {
      this.changes = (await this.api.graphql<{ history: Change[] }>(HISTORY, { id: this.recordId })).history;
      this.error = '';
    } catch (error) {
      if (error instanceof AdminError && error.signedOut)
        emitAdmin(this, 'admin-signed-out', { message: error.message });
      this.error = (error as Error).message;
    }
  }

  override render() {
    return html`<section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      ${this.error ? html`<p class="status status-error" role="alert">${this.error}</p>` : nothing}
      ${
        !this.changes
          ? html`<p role="status">Loading…</p>`
          : this.changes.length === 0
            ? html`<p>No changes recorded since it was imported.</p>`
            : html`<ol class="history" aria-label="Changes, newest first">
              ${this.changes.map(
                (change) => html`<li>
                  <strong>${ACTIONS[change.action] ?? change.action}</strong> by ${change.actor}<br />
                  <span class="hint">${when(change.at)}</span>
                  ${this.renderDifferences(change)}
                </li>`,
              )}
            </ol>`
      }
    </section>`;
  }

  private renderDifferences(change: Change) {
    const diff = differences(change);
    if (diff.length === 0) return nothing;
    return html`<ul>
      ${diff.map((d) => html`<li>${propertyLabel(d.name)}: ${showValue(d.before)} → ${showValue(d.after)}</li>`)}
    </ul>`;
  }
}
