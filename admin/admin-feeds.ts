// Feeds: the Open Referral UK feeds registered for harvest, each with its schedule, last run and next due; register
// one, harvest one now, or remove one after confirming.
import { html, nothing } from 'lit';
import { ADMIN_API, type FeedInfo, type HarvestReportJson } from '../contract/queries/admin.js';
import { AdminError } from './api.js';
import { errorSummary, focusSummary, type SummaryEntry } from './error-summary.js';
import {
  countsWords,
  DAILY,
  alsoFoundWords,
  lastRunWords,
  nextDueWords,
  SCHEDULES,
  scheduleWords,
  urlProblem,
} from './feed-words.js';
import { AdminScreen } from './screen.js';

export class AdminFeeds extends AdminScreen {
  static override properties = {
    ...AdminScreen.properties,
    feeds: { state: true },
    errors: { state: true },
    confirming: { state: true },
    message: { state: true },
    harvesting: { state: true },
    harvested: { state: true },
    registering: { state: true },
  };

  declare feeds: FeedInfo[] | undefined;
  declare errors: SummaryEntry[];
  /** The feed whose removal awaits confirmation. */
  declare confirming: FeedInfo | undefined;
  declare message: string;
  /** The feed being harvested now at the admin's request, if any. */
  declare harvesting: string;
  /** The last harvest the admin asked for, and what it did. */
  declare harvested: HarvestReportJson | undefined;
  declare registering: boolean;

  constructor() {
    super();
    this.errors = [];
    this.message = '';
    this.harvesting = '';
    this.registering = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.feeds = (await this.api.rest<{ feeds: FeedInfo[] }>(ADMIN_API.feeds)).feeds;
    } catch (error) {
      this.errors = [{ text: this.messageOf(error) }];
    }
  }

  private async showErrors(errors: SummaryEntry[]): Promise<void> {
    this.errors = errors;
    await this.updateComplete;
    focusSummary(this.shadowRoot);
  }

  private async focusOn(selector: string): Promise<void> {
    await this.updateComplete;
    (this.renderRoot.querySelector(selector) as HTMLElement | null)?.focus();
  }

  private async register(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const url = form.querySelector<HTMLInputElement>('#feed-url')!.value.trim();
    const everyMinutes = Number(form.querySelector<HTMLSelectElement>('#feed-schedule')!.value);
    this.message = '';
    this.harvested = undefined;
    const problem = urlProblem(url);
    if (problem) return this.showErrors([{ text: problem, field: 'feed-url' }]);
    this.registering = true;
    try {
      const { feed } = await this.api.rest<{ feed: FeedInfo }>(ADMIN_API.feeds, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url, everyMinutes }),
      });
      this.errors = [];
      form.reset();
      this.message = `Feed ${feed.url} registered: harvested ${scheduleWords(feed.everyMinutes).toLowerCase()}, the first time within a minute.`;
      await this.load();
      await this.focusOn('[data-banner]');
    } catch (error) {
      // The service's own check of the address (a query or fragment, say) belongs beside the field.
      const field = error instanceof AdminError && error.code === 'BAD_USER_INPUT' ? 'feed-url' : undefined;
      await this.showErrors([{ text: this.messageOf(error), field }]);
    } finally {
      this.registering = false;
    }
  }

  private async harvest(feed: FeedInfo): Promise<void> {
    // One at a time: the buttons stay enabled (a disabled button would drop the keyboard's focus), so a second press
    // while a harvest runs is ignored, and said to be by aria-disabled.
    if (this.harvesting) return;
    this.harvesting = feed.url;
    this.harvested = undefined;
    this.message = '';
    this.errors = [];
    try {
      const report = await this.api.rest<HarvestReportJson>(ADMIN_API.harvests, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: feed.url }),
      });
      // The list first, then the result and the row's button in one render: shown before the list, the result sat
      // beside a row still "Harvesting…" with the last run before, which a screen reader reads out as a contradiction.
      await this.load();
      this.harvesting = '';
      this.harvested = report;
      await this.focusOn('#harvested-heading');
    } catch (error) {
      await this.showErrors([{ text: this.messageOf(error) }]);
    } finally {
      this.harvesting = '';
    }
  }

  private async removeFeed(feed: FeedInfo): Promise<void> {
    try {
      await this.api.rest(`${ADMIN_API.feeds}?url=${encodeURIComponent(feed.url)}`, { method: 'DELETE' });
      this.confirming = undefined;
      this.harvested = undefined;
      this.message = `Feed ${feed.url} removed: it is no longer harvested. Its services stay in the hub.`;
      await this.load();
      await this.focusOn('[data-banner]');
    } catch (error) {
      this.confirming = undefined;
      await this.showErrors([{ text: this.messageOf(error) }]);
    }
  }

  private askToRemove(feed: FeedInfo): void {
    this.confirming = feed;
    void this.focusOn('#confirm-heading');
  }

  private cancelRemove(): void {
    const index = this.feeds?.findIndex((f) => f.url === this.confirming?.url) ?? -1;
    this.confirming = undefined;
    void this.focusOn(`#remove-${index}`);
  }

  override render() {
    const urlError = this.errors
      .filter((e) => e.field === 'feed-url')
      .map((e) => e.text)
      .join(' ');
    return html`
      ${errorSummary(this.shadowRoot, this.errors)}
      ${this.message ? html`<div class="banner banner-success" role="status" tabindex="-1" data-banner><p>${this.message}</p></div>` : nothing}
      <h1 tabindex="-1">Feeds</h1>
      <p>Open Referral UK feeds the hub harvests on a schedule: services new to a feed are created, changed ones updated,
        and services gone from it retired (restored if they come back). An admin’s corrections are kept.</p>
      <div class="visually-hidden" role="status" aria-live="polite">${this.harvesting ? `Harvesting ${this.harvesting}. This can take a few minutes for a large feed.` : ''}</div>
      ${this.harvested ? this.renderHarvested(this.harvested) : nothing}
      ${this.confirming ? this.renderConfirm(this.confirming) : nothing}
      <h2>Registered feeds</h2>
      ${this.feeds ? this.renderTable(this.feeds) : html`<p role="status">Loading…</p>`}
      <h2>Register a feed</h2>
      <form @submit=${(e: SubmitEvent) => void this.register(e)} novalidate>
        <div class="form-group ${urlError ? 'form-group-error' : ''}">
          <label for="feed-url">Feed address</label>
          <span class="hint" id="feed-url-hint">The feed’s base web address: the one its /services list follows, such as https://example.org/oruk (without /services).</span>
          ${urlError ? html`<span class="field-error" id="feed-url-error"><span class="visually-hidden">Error:</span> ${urlError}</span>` : nothing}
          <input type="url" id="feed-url" name="url" autocomplete="off" spellcheck="false" class=${urlError ? 'input-error' : ''}
            aria-describedby="feed-url-hint${urlError ? ' feed-url-error' : ''}" />
        </div>
        <div class="form-group">
          <label for="feed-schedule">How often to harvest it</label>
          <select id="feed-schedule" name="everyMinutes">
            ${SCHEDULES.map((s) => html`<option value=${s.minutes} ?selected=${s.minutes === DAILY}>${s.words}</option>`)}
          </select>
        </div>
        <button class="button" type="submit" ?disabled=${this.registering}>${this.registering ? 'Registering…' : 'Register the feed'}</button>
      </form>`;
  }

  private renderHarvested(report: HarvestReportJson) {
    const seconds = (report.durationMs / 1000).toFixed(1);
    if (!report.ok)
      return html`<section class="banner" aria-labelledby="harvested-heading">
        <h2 id="harvested-heading" tabindex="-1">Harvest of ${report.feed} failed</h2>
        <p>${report.error?.message ?? 'The feed could not be read.'}</p>
        <p>Nothing was changed. The next scheduled harvest tries again; you can also harvest it now once the feed is put right.</p>
      </section>`;
    const kept = report.keptByAdmin?.length ?? 0;
    return html`<section class="banner banner-success" aria-labelledby="harvested-heading">
      <h2 id="harvested-heading" tabindex="-1">Harvest of ${report.feed} finished</h2>
      <p>In ${seconds} s. Services: ${report.services ? countsWords(report.services) : 'no counts'}${alsoFoundWords(report.conflicts?.length, report.warnings)}.</p>
      ${kept ? html`<p>${kept} service${kept === 1 ? '' : 's'} the feed withdrew and an admin restored by hand left restored.</p>` : nothing}
    </section>`;
  }

  private renderConfirm(feed: FeedInfo) {
    return html`<section class="banner" role="alertdialog" aria-labelledby="confirm-heading" aria-describedby="confirm-text">
      <h2 id="confirm-heading" tabindex="-1">Remove the feed ${feed.url}?</h2>
      <p id="confirm-text">It will no longer be harvested. The services it brought stay in the hub as they are; register it again to resume.</p>
      <div class="actions">
        <button type="button" class="button-warning" @click=${() => void this.removeFeed(feed)}>Yes, remove it</button>
        <button type="button" class="button-secondary" @click=${() => this.cancelRemove()}>No, keep it</button>
      </div>
    </section>`;
  }

  private renderTable(feeds: FeedInfo[]) {
    if (feeds.length === 0) return html`<p>No feeds are registered.</p>`;
    return html`<table>
      <caption class="visually-hidden">Registered feeds, each with its schedule, last run and next harvest</caption>
      <thead><tr><th scope="col">Feed</th><th scope="col">Schedule</th><th scope="col">Last run</th><th scope="col">Next due</th><th scope="col">Actions</th></tr></thead>
      <tbody>
        ${feeds.map(
          (feed, index) => html`<tr>
            <th scope="row">${feed.url}</th>
            <td>${scheduleWords(feed.everyMinutes)}</td>
            <td>${lastRunWords(feed.lastRun)}</td>
            <td>${nextDueWords(feed)}</td>
            <td><div class="actions">
              <button type="button" class="button-secondary" id="harvest-${index}"
                aria-disabled=${this.harvesting !== '' ? 'true' : 'false'} aria-busy=${this.harvesting === feed.url ? 'true' : 'false'} @click=${() => void this.harvest(feed)}
                >${this.harvesting === feed.url ? 'Harvesting…' : 'Harvest now'}<span class="visually-hidden"> ${feed.url}</span></button>
              <button type="button" class="link-button" id="remove-${index}" @click=${() => this.askToRemove(feed)}
                >Remove<span class="visually-hidden"> ${feed.url}</span></button>
            </div></td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}
