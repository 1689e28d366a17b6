// What every widget shares: where the service is and which key to present, the strings for the page's language,
// and one way to load data with loading and error states that say what to do.
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { WidgetErrorCode } from '../../contract/errors.js';
import { stringsFor } from '../../contract/catalogues.js';
import type { Strings } from '../../contract/strings.js';
import { HubClient, HubError } from './client.js';
import { emit } from './events.js';

/** The service that served this script: the default `api`, so a snippet needs no address of its own. */
const SERVED_FROM = new URL(import.meta.url).origin;

/** A widget placed without an attribute it needs: the page editor's mistake, said plainly on the page. */
export class ConfigError extends Error {
  constructor(readonly attribute: string) {
    super(`missing ${attribute} attribute`);
  }
}

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

/**
 * What every widget takes and how every widget can be themed. Custom properties are read on the element or any
 * ancestor; the defaults follow the NHS.UK design system.
 *
 * @attr api - the service's address; the address this script came from if not given
 * @attr key - a widget API key, if the service asks for one
 *
 * @cssprop --ph-colour-primary - links and headings' accents (#005eb8)
 * @cssprop --ph-colour-primary-dark - links on hover (#003087)
 * @cssprop --ph-colour-visited - visited links (#330072)
 * @cssprop --ph-colour-text - text (#212b32)
 * @cssprop --ph-colour-secondary-text - hints and details (#4c6272)
 * @cssprop --ph-colour-background - the widget's background (#ffffff)
 * @cssprop --ph-colour-surface - panels and table headings (#f0f4f5)
 * @cssprop --ph-colour-border - borders (#d8dde0)
 * @cssprop --ph-colour-input-border - form fields' borders (#4c6272)
 * @cssprop --ph-colour-focus - the focus highlight (#ffeb3b)
 * @cssprop --ph-colour-focus-text - text on the focus highlight (#212b32)
 * @cssprop --ph-colour-error - errors (#d5281b)
 * @cssprop --ph-colour-warning - warnings such as overdue markers (#ffb81c)
 * @cssprop --ph-colour-button - buttons (#007f3b)
 * @cssprop --ph-colour-button-shadow - buttons' lower edge (#00401e)
 * @cssprop --ph-font-family - the typeface (Frutiger W01, Arial, sans-serif)
 * @cssprop --ph-font-size - the base text size (1rem)
 * @cssprop --ph-radius - corners' radius (4px)
 * @cssprop --ph-space - the base spacing (16px)
 */
export abstract class PhElement extends LitElement {
  static override properties = {
    api: { type: String },
    key: { type: String },
    loadState: { state: true },
    errorText: { state: true },
  };

  /** The Partnership Hub service's address; the address this script came from if not given. */
  declare api: string;
  /** A widget API key (a public key tied to the page's origin), if the service asks for one. */
  declare key: string;
  declare protected loadState: LoadState;
  declare protected errorText: string;
  private inFlight?: AbortController;

  constructor() {
    super();
    this.api = '';
    this.key = '';
    this.loadState = 'idle';
    this.errorText = '';
  }

  /** Strings in the language of the nearest `lang` attribute (on the widget or the page), English by default. */
  protected get t(): Strings {
    return stringsFor(this.closest('[lang]')?.getAttribute('lang'));
  }

  protected get client(): HubClient {
    return new HubClient(this.api || SERVED_FROM, this.key || undefined);
  }

  /** The attributes whose change means the data must be loaded again. */
  protected abstract readonly reloadOn: readonly string[];

  /** Loads the widget's data; called when it connects and whenever a `reloadOn` property changes. */
  protected abstract load(signal: AbortSignal): Promise<void>;

  protected override willUpdate(changed: PropertyValues): void {
    if (this.loadState === 'idle' || ['api', 'key', ...this.reloadOn].some((name) => changed.has(name as keyof this)))
      void this.reload();
  }

  /** Runs `load`, cancelling any load still running, and turns failures into a message the user can act on. */
  protected async reload(): Promise<void> {
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    this.loadState = 'loading';
    try {
      await this.load(controller.signal);
      if (!controller.signal.aborted) this.loadState = 'ready';
    } catch (error) {
      if (controller.signal.aborted) return;
      this.fail(error);
    }
  }

  protected fail(error: unknown): void {
    const code: WidgetErrorCode =
      error instanceof HubError ? error.code : error instanceof ConfigError ? 'CONFIGURATION' : 'UNEXPECTED';
    this.errorText = this.messageFor(code, error);
    this.loadState = 'error';
    emit(this, 'ph-error', { code, message: this.errorText });
  }

  protected messageFor(code: WidgetErrorCode, error: unknown): string {
    const t = this.t;
    if (error instanceof ConfigError) return t.errorConfig(error.attribute);
    if (code === 'NETWORK' || code === 'DB_UNAVAILABLE' || code.startsWith('HTTP_5')) return t.errorNetwork;
    if (code === 'RATE_LIMITED') return t.errorRateLimited;
    if (code === 'NOT_FOUND') return t.errorNotFound;
    return t.errorGeneric;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved elsewhere in the page while loading: start again.
    if (this.hasUpdated && this.loadState === 'idle') this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.loadState === 'loading') {
      this.inFlight?.abort();
      this.loadState = 'idle';
    }
  }

  /** The loading and error states, the same in every widget; nothing when the data is ready. */
  protected renderStatus(): TemplateResult | typeof nothing {
    if (this.loadState === 'loading') return html`<p class="status" role="status" part="status">${this.t.loading}</p>`;
    if (this.loadState === 'error') {
      return html`<div class="status status-error" role="alert" part="status error">
        <p>${this.errorText}</p>
        <button type="button" class="button-secondary" @click=${() => void this.reload()}>${this.t.retry}</button>
      </div>`;
    }
    return nothing;
  }
}
