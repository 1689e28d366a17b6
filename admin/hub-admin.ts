// The console's shell: signs the admin in with a key held in this tab only, then shows one screen at a time (records,
// imports, feeds, keys, backup) chosen by the address's fragment, so the browser's back button and bookmarks work.
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { ADMIN_MODEL_PATH, type AdminModel } from '../contract/admin-model.js';
import { WHO_AM_I } from '../contract/queries/admin.js';
import { AdminApi, AdminError } from './api.js';
import { errorSummary, focusSummary } from './error-summary.js';
import type { AdminEventMap } from './events.js';
import type { AdminScreen } from './screen.js';
import { session } from './session.js';
import { adminStyles } from './styles.js';

const SCREENS = [
  { route: 'records', title: 'Records' },
  { route: 'new', title: 'Create a record' },
  { route: 'imports', title: 'Imports' },
  { route: 'feeds', title: 'Feeds' },
  { route: 'keys', title: 'API keys' },
  { route: 'backup', title: 'Backup' },
] as const;

/** What a refused sign-in means, said so the admin knows what to do next. */
function signInMessage(error: unknown): string {
  if (error instanceof AdminError) {
    if (error.code === 'UNAUTHENTICATED')
      return 'This key is not known, has been revoked or has expired. Check you copied all of it, or ask another admin for a new key.';
    if (error.code === 'FORBIDDEN')
      return 'This key is not an admin key. Sign in with an admin key: analyst and widget keys cannot change the hub.';
    return error.message;
  }
  return 'The key could not be checked. Try again.';
}

/**
 * The admin console.
 *
 * @event admin-signed-out - heard from any screen: the key stopped working
 * @event admin-open - heard from any screen: open a record by id
 */
export class HubAdmin extends LitElement {
  static override styles = adminStyles;
  static override properties = {
    api: { state: true },
    model: { state: true },
    route: { state: true },
    signInError: { state: true },
    notice: { state: true },
    checking: { state: true },
    opened: { state: true },
  };

  declare api: AdminApi | undefined;
  declare model: AdminModel | undefined;
  declare route: string;
  declare signInError: string;
  declare notice: string;
  declare checking: boolean;
  /** What to say above a record the console has just opened (one it created), until the admin goes elsewhere. */
  declare opened: { id: string; message: string } | undefined;

  constructor() {
    super();
    const secret = session.get();
    this.api = secret ? new AdminApi(secret) : undefined;
    this.route = location.hash.slice(1) || 'records';
    this.signInError = '';
    this.notice = '';
    this.checking = false;
    this.addEventListener('admin-signed-out', (event) =>
      this.signOut((event as CustomEvent<AdminEventMap['admin-signed-out']>).detail.message),
    );
    this.addEventListener('admin-open', (event) => {
      const { id, message } = (event as CustomEvent<AdminEventMap['admin-open']>).detail;
      this.opened = message ? { id, message } : undefined;
      location.hash = `record/${id}`;
    });
  }

  private readonly onHashChange = () => {
    this.route = location.hash.slice(1) || 'records';
    if (this.opened && this.route !== `record/${this.opened.id}`) this.opened = undefined;
    // The new screen's heading takes focus, as a page load would put a screen reader at the top.
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector('[data-screen]') as AdminScreen | null)?.focusHeading(),
    );
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    void this.loadModel();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
  }

  private async loadModel(): Promise<void> {
    try {
      const response = await fetch(ADMIN_MODEL_PATH);
      if (!response.ok) throw new Error(`status ${response.status}`);
      this.model = (await response.json()) as AdminModel;
    } catch {
      this.notice = 'The console could not read the model from the service. Reload the page to try again.';
    }
  }

  private async signIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#admin-key')!;
    const secret = input.value.trim();
    if (!secret) {
      this.signInError = 'Enter your admin key.';
      return;
    }
    this.checking = true;
    performance.mark('admin-sign-in-submitted');
    try {
      const api = new AdminApi(secret);
      await api.graphql(WHO_AM_I);
      session.set(secret);
      this.signInError = '';
      this.notice = '';
      this.api = api;
      if (!location.hash) location.hash = 'records';
      void this.updateComplete.then(() =>
        (this.renderRoot.querySelector('[data-screen]') as AdminScreen | null)?.focusHeading(),
      );
    } catch (error) {
      this.signInError = signInMessage(error);
    } finally {
      this.checking = false;
    }
  }

  /** Forgets the key; `reason` says why when the service, not the admin, ended the session. */
  private signOut(reason = ''): void {
    session.clear();
    this.api = undefined;
    this.notice = reason
      ? `You have been signed out: ${reason}`
      : 'You have signed out. The key is forgotten by this tab.';
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('signInError') && this.signInError) focusSummary(this.shadowRoot);
    if (
      !this.api &&
      !performance.getEntriesByName('admin-sign-in-ready').length &&
      this.renderRoot.querySelector('#admin-key')
    )
      performance.mark('admin-sign-in-ready');
  }

  override render() {
    return this.api ? this.renderConsole() : this.renderSignIn();
  }

  private renderSignIn() {
    const error = this.signInError;
    return html`
      ${this.notice ? html`<div class="banner" role="status"><p>${this.notice}</p></div>` : nothing}
      ${errorSummary(this.shadowRoot, error ? [{ text: error, field: 'admin-key' }] : [])}
      <h1 tabindex="-1">Sign in to the admin console</h1>
      <form @submit=${(e: SubmitEvent) => void this.signIn(e)} novalidate>
        <div class="form-group ${error ? 'form-group-error' : ''}">
          <label for="admin-key">Admin key</label>
          <span class="hint" id="admin-key-hint">An admin API key, the bootstrap ADMIN_TOKEN, or a sign-in token from your organisation. It is kept only in this browser tab and forgotten when you sign out or close it.</span>
          ${error ? html`<span class="field-error" id="admin-key-error"><span class="visually-hidden">Error:</span> ${error}</span>` : nothing}
          <input type="password" id="admin-key" name="key" autocomplete="off" spellcheck="false"
            class=${error ? 'input-error' : ''}
            aria-describedby="admin-key-hint${error ? ' admin-key-error' : ''}" />
        </div>
        <button class="button" type="submit" ?disabled=${this.checking}>${this.checking ? 'Checking…' : 'Sign in'}</button>
      </form>`;
  }

  private renderConsole() {
    const [screen = 'records', argument = ''] = this.route.split('/');
    const current = screen === 'record' ? 'records' : screen;
    return html`
      <nav aria-label="Admin console">
        <ul>
          ${SCREENS.map(
            (s) =>
              html`<li><a href="#${s.route}" aria-current=${current === s.route ? 'page' : 'false'}>${s.title}</a></li>`,
          )}
          <li><button type="button" class="link-button" @click=${() => this.signOut()}>Sign out</button></li>
        </ul>
      </nav>
      ${this.notice ? html`<div class="banner" role="status"><p>${this.notice}</p></div>` : nothing}
      ${this.model ? this.renderScreen(screen, argument) : html`<p role="status">Loading…</p>`}`;
  }

  private renderScreen(screen: string, argument: string) {
    const { api, model } = this;
    switch (screen) {
      case 'record':
        return html`<admin-record data-screen .api=${api} .model=${model} .recordId=${decodeURIComponent(argument)}
          .opening=${this.opened?.id === argument ? this.opened.message : ''}></admin-record>`;
      case 'new':
        return html`<admin-create data-screen .api=${api} .model=${model}></admin-create>`;
      case 'imports':
        return html`<admin-imports data-screen .api=${api} .model=${model}></admin-imports>`;
      case 'feeds':
        return html`<admin-feeds data-screen .api=${api} .model=${model}></admin-feeds>`;
      case 'keys':
        return html`<admin-keys data-screen .api=${api} .model=${model}></admin-keys>`;
      case 'backup':
        return html`<admin-backup data-screen .api=${api} .model=${model}></admin-backup>`;
      default:
        return html`<admin-finder data-screen .api=${api} .model=${model}></admin-finder>`;
    }
  }
}
