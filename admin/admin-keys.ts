// API keys: create one (its secret shown once, with a copy button and a warning), list every key with its use, and
// revoke one after confirming.
import { html, nothing } from 'lit';
import { API_KEYS, type ApiKeyInfo, CREATE_API_KEY, REVOKE_API_KEY } from '../contract/queries/admin.js';
import { AdminError } from './api.js';
import { errorSummary, focusSummary, type SummaryEntry } from './error-summary.js';
import { AdminScreen } from './screen.js';
import { when } from './values.js';

const ROLES = [
  {
    value: 'public',
    title: 'Widget or public',
    hint: 'For a partner’s web page: public reads, from the origins you list.',
  },
  { value: 'analyst', title: 'Analyst', hint: 'Reads people’s contact details and the network analyses.' },
  { value: 'admin', title: 'Admin', hint: 'Changes records, runs imports, manages keys and backups.' },
] as const;

/** Requests in the last seven days of a key's daily counts. */
const lastWeek = (key: ApiKeyInfo): number => {
  const since = new Date(Date.now() - 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  return key.usage.filter((u) => u.day >= since).reduce((sum, u) => sum + u.requests, 0);
};

export class AdminKeys extends AdminScreen {
  static override properties = {
    ...AdminScreen.properties,
    keys: { state: true },
    role: { state: true },
    errors: { state: true },
    created: { state: true },
    confirming: { state: true },
    message: { state: true },
    copied: { state: true },
  };

  declare keys: ApiKeyInfo[] | undefined;
  declare role: string;
  declare errors: SummaryEntry[];
  declare created: { secret: string; key: ApiKeyInfo } | undefined;
  /** The key whose revocation awaits confirmation. */
  declare confirming: ApiKeyInfo | undefined;
  declare message: string;
  declare copied: boolean;

  constructor() {
    super();
    this.role = 'public';
    this.errors = [];
    this.message = '';
    this.copied = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.keys = (await this.api.graphql<{ apiKeys: ApiKeyInfo[] }>(API_KEYS)).apiKeys;
    } catch (error) {
      this.errors = [{ text: this.messageOf(error) }];
    }
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = form.querySelector<HTMLInputElement>('#key-name')!.value.trim();
    const origins = (form.querySelector<HTMLTextAreaElement>('#key-origins')?.value ?? '')
      .split(/\s+/)
      .map((o) => o.trim())
      .filter(Boolean);
    const errors: SummaryEntry[] = [];
    if (!name)
      errors.push({
        text: 'Enter who holds the key and what for, such as “Barnet council website”.',
        field: 'key-name',
      });
    for (const origin of origins)
      if (!/^https?:\/\/[^/\s]+$/.test(origin))
        errors.push({
          text: `${origin} is not an origin: write it as https://www.example.gov.uk, without a path.`,
          field: 'key-origins',
        });
    this.errors = errors;
    if (errors.length > 0) {
      await this.updateComplete;
      focusSummary(this.shadowRoot);
      return;
    }
    try {
      const answer = await this.api.graphql<{ createApiKey: { secret: string; key: ApiKeyInfo } }>(CREATE_API_KEY, {
        role: this.role,
        name,
        origins: this.role === 'public' ? origins : [],
      });
      this.created = answer.createApiKey;
      this.copied = false;
      form.reset();
      this.role = 'public';
      await this.load();
      await this.updateComplete;
      (this.renderRoot.querySelector('#created-heading') as HTMLElement | null)?.focus();
    } catch (error) {
      const field = error instanceof AdminError && error.details.argument === 'origins' ? 'key-origins' : 'key-name';
      this.errors = [{ text: this.messageOf(error), field }];
      await this.updateComplete;
      focusSummary(this.shadowRoot);
    }
  }

  private async copy(): Promise<void> {
    const secret = this.created!.secret;
    try {
      await navigator.clipboard.writeText(secret);
      this.copied = true;
    } catch {
      // Without clipboard access (an http page, or a refused permission) the secret is selected for the admin to copy.
      const range = document.createRange();
      range.selectNodeContents(this.renderRoot.querySelector('#secret')!);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      this.message = 'The browser would not copy it: the secret is selected, press Ctrl+C (or Cmd+C) to copy it.';
    }
  }

  private async revoke(key: ApiKeyInfo): Promise<void> {
    try {
      await this.api.graphql(REVOKE_API_KEY, { id: key.id });
      this.confirming = undefined;
      this.message = `Key “${key.name}” revoked: it stops working at once.`;
      await this.load();
      await this.updateComplete;
      (this.renderRoot.querySelector('[data-banner]') as HTMLElement | null)?.focus();
    } catch (error) {
      this.errors = [{ text: this.messageOf(error) }];
    }
  }

  private askToRevoke(key: ApiKeyInfo): void {
    this.confirming = key;
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector('#confirm-heading') as HTMLElement | null)?.focus(),
    );
  }

  private cancelRevoke(): void {
    const id = this.confirming?.id;
    this.confirming = undefined;
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector(`#revoke-${id}`) as HTMLElement | null)?.focus(),
    );
  }

  override render() {
    const errorOf = (field: string) =>
      this.errors
        .filter((e) => e.field === field)
        .map((e) => e.text)
        .join(' ');
    return html`
      ${errorSummary(this.shadowRoot, this.errors)}
      ${this.message ? html`<div class="banner banner-success" role="status" tabindex="-1" data-banner><p>${this.message}</p></div>` : nothing}
      <h1 tabindex="-1">API keys</h1>
      ${this.created ? this.renderCreated(this.created) : nothing}
      ${this.confirming ? this.renderConfirm(this.confirming) : nothing}
      <h2>Create a key</h2>
      <form @submit=${(e: SubmitEvent) => void this.create(e)} novalidate>
        <fieldset class="form-group">
          <legend>What the key may do</legend>
          ${ROLES.map(
            (r) => html`<div class="inline">
              <input type="radio" name="key-role" id="key-role-${r.value}" value=${r.value} ?checked=${this.role === r.value}
                aria-describedby="key-role-${r.value}-hint" @change=${() => {
                  this.role = r.value;
                }} />
              <label for="key-role-${r.value}">${r.title}</label>
              <span class="hint" id="key-role-${r.value}-hint">${r.hint}</span>
            </div>`,
          )}
        </fieldset>
        <div class="form-group ${errorOf('key-name') ? 'form-group-error' : ''}">
          <label for="key-name">Name</label>
          <span class="hint" id="key-name-hint">Who holds it and what for.</span>
          ${errorOf('key-name') ? html`<span class="field-error" id="key-name-error">${errorOf('key-name')}</span>` : nothing}
          <input type="text" id="key-name" autocomplete="off" aria-describedby="key-name-hint${errorOf('key-name') ? ' key-name-error' : ''}" />
        </div>
        ${
          this.role === 'public'
            ? html`<div class="form-group ${errorOf('key-origins') ? 'form-group-error' : ''}">
              <label for="key-origins">Origins of the pages that use it (optional)</label>
              <span class="hint" id="key-origins-hint">One a line, such as https://www.barnet.gov.uk. Listed, the key works only from those pages.</span>
              ${errorOf('key-origins') ? html`<span class="field-error" id="key-origins-error">${errorOf('key-origins')}</span>` : nothing}
              <textarea id="key-origins" aria-describedby="key-origins-hint${errorOf('key-origins') ? ' key-origins-error' : ''}"></textarea>
            </div>`
            : nothing
        }
        <button class="button" type="submit">Create key</button>
      </form>
      <h2>Keys</h2>
      ${this.keys ? this.renderTable(this.keys) : html`<p role="status">Loading…</p>`}`;
  }

  private renderCreated({ secret, key }: { secret: string; key: ApiKeyInfo }) {
    return html`<section class="banner banner-success" aria-labelledby="created-heading">
      <h2 id="created-heading" tabindex="-1">Key “${key.name}” created</h2>
      <p class="warning">Copy the secret now: it is shown only this once, and nobody can see it again. If it is lost, revoke the key and create another.</p>
      <p><code class="secret" id="secret">${secret}</code></p>
      <div class="actions">
        <button type="button" class="button-secondary" @click=${() => void this.copy()}>Copy the secret</button>
        <span role="status">${this.copied ? 'Copied.' : ''}</span>
        <button type="button" class="link-button" @click=${() => {
          this.created = undefined;
        }}>I have kept it safe: hide the secret</button>
      </div>
    </section>`;
  }

  private renderConfirm(key: ApiKeyInfo) {
    return html`<section class="banner" role="alertdialog" aria-labelledby="confirm-heading" aria-describedby="confirm-text">
      <h2 id="confirm-heading" tabindex="-1">Revoke “${key.name}”?</h2>
      <p id="confirm-text">Anything using this key (${key.role}, ${key.prefix}…) stops working at once. This cannot be undone.</p>
      <div class="actions">
        <button type="button" class="button-warning" @click=${() => void this.revoke(key)}>Yes, revoke it</button>
        <button type="button" class="button-secondary" @click=${() => this.cancelRevoke()}>No, keep it</button>
      </div>
    </section>`;
  }

  private renderTable(keys: ApiKeyInfo[]) {
    if (keys.length === 0) return html`<p>No keys yet.</p>`;
    return html`<table>
      <caption class="visually-hidden">API keys, with their use in the last seven days</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Starts</th><th scope="col">Origins</th><th scope="col">Created</th><th scope="col">Requests (7 days)</th><th scope="col">Status</th></tr></thead>
      <tbody>
        ${keys.map(
          (key) => html`<tr>
            <th scope="row">${key.name}</th>
            <td>${key.role}</td>
            <td><code>${key.prefix}</code></td>
            <td>${key.origins.length ? key.origins.join(', ') : html`<span class="muted">Any</span>`}</td>
            <td>${when(key.createdAt)}</td>
            <td>${lastWeek(key).toLocaleString('en-GB')}</td>
            <td>${
              key.revokedAt
                ? html`Revoked ${when(key.revokedAt)}`
                : html`Live <button type="button" class="link-button" id="revoke-${key.id}" @click=${() => this.askToRevoke(key)}
                  >Revoke<span class="visually-hidden"> ${key.name}</span></button>`
            }</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}
