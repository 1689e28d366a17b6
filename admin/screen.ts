// What every screen of the console shares: the client and model the shell hands it, and one way to turn a failure
// into words, signing out when the key no longer works.
import { LitElement } from 'lit';
import type { AdminModel } from '../contract/admin-model.js';
import { AdminError, type AdminApi } from './api.js';
import { emitAdmin } from './events.js';
import { adminStyles } from './styles.js';

export abstract class AdminScreen extends LitElement {
  static override styles = adminStyles;
  static override properties = { api: { attribute: false }, model: { attribute: false } };

  declare api: AdminApi;
  declare model: AdminModel;

  /** The message for a failure; a key that stopped working signs the admin out with it instead. */
  protected messageOf(error: unknown): string {
    if (error instanceof AdminError) {
      if (error.signedOut) emitAdmin(this, 'admin-signed-out', { message: error.message });
      return error.message;
    }
    return `Something went wrong in the console: ${(error as Error).message}`;
  }

  /** Focuses the screen's heading, so a screen reader says where the admin now is. */
  focusHeading(): void {
    void this.updateComplete.then(() => (this.renderRoot.querySelector('h1') as HTMLElement | null)?.focus());
  }
}
