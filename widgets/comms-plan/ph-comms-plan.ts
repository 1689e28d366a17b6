// <ph-comms-plan>: a programme's stakeholder communication matrix, as a table on wide screens and cards on narrow ones.
import { html, nothing } from 'lit';
import { actorNames } from '../../contract/actors.js';
import { COMMS_PLAN, type Activity, type CommsPlan } from '../../contract/queries/comms-plan.js';
import { deliveriesOf, levelsOf } from '../../contract/plan-text.js';
import { ConfigError, PhElement } from '../core/base.js';
import { emit } from '../core/events.js';
import { theme } from '../core/theme.js';
import { commsPlanStyles } from './ph-comms-plan.styles.js';

/**
 * A programme's communication plan: for each stakeholder group, its need, the engagement it needs, how and how
 * often it is told, and who produces and delivers that.
 *
 * @tagname ph-comms-plan
 * @attr api - the service's address; the address this script came from if not given
 * @attr key - a widget API key, if the service asks for one
 * @attr programme - the programme's key (taking-care-24-7) or id
 *
 * @event ph-load - the plan arrived ({shown, total} activities)
 * @event ph-error - the plan could not be loaded ({code, message})
 *
 * @csspart base - the whole widget
 * @csspart heading - the plan's heading
 * @csspart matrix - the table shown on wide screens
 * @csspart card - one stakeholder group's card on narrow screens
 * @csspart status - loading and error messages
 */
export class PhCommsPlan extends PhElement {
  static override styles = [theme, commsPlanStyles];

  static override properties = {
    ...PhElement.properties,
    programme: { type: String },
    plan: { state: true },
  };

  declare programme: string;
  declare private plan?: CommsPlan['programme'];

  protected readonly reloadOn = ['programme'];

  constructor() {
    super();
    this.programme = '';
  }

  protected async load(signal: AbortSignal): Promise<void> {
    if (!this.programme) throw new ConfigError('programme');
    const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(this.programme);
    const data = await this.client.query<CommsPlan>(
      COMMS_PLAN,
      isId ? { id: this.programme } : { key: this.programme },
      signal,
    );
    this.plan = data.programme;
    emit(this, 'ph-load', {
      shown: data.programme.communicationPlan.length,
      total: data.programme.communicationPlan.length,
    });
  }

  override render() {
    const plan = this.plan;
    if (!plan || this.loadState !== 'ready') return html`<div part="base">${this.renderStatus()}</div>`;
    const t = this.t;
    const c = t.commsColumns;
    const rows = plan.communicationPlan;
    return html`<article part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${t.commsHeading(plan.name)}</h2>
      ${plan.demo ? html`<p><span class="tag tag-demo">${t.demoTag}</span></p>` : nothing}
      ${
        rows.length === 0
          ? html`<p>${t.noComms}</p>`
          : html`
        <table class="matrix" part="matrix">
          <thead><tr>
            <th scope="col">${c.group}</th><th scope="col">${c.need}</th><th scope="col">${c.level}</th><th scope="col">${c.method}</th>
            <th scope="col">${c.frequency}</th><th scope="col">${c.producedBy}</th><th scope="col">${c.deliveredBy}</th>
          </tr></thead>
          <tbody>${rows.map(
            (a) => html`<tr>
            <th scope="row">${a.group?.name ?? a.name}</th>
            <td>${a.group?.need ?? ''}</td>
            <td>${this.levels(a)}</td>
            <td>${this.methods(a)}</td>
            <td>${a.frequency ?? ''}</td>
            <td>${actorNames(a.producedBy)}</td>
            <td>${this.deliveries(a)}</td>
          </tr>`,
          )}</tbody>
        </table>
        <ul class="cards">${rows.map(
          (a) => html`<li class="card" part="card">
          <h3>${a.group?.name ?? a.name}</h3>
          <dl>
            ${this.line(c.need, a.group?.need)}
            ${this.line(c.level, this.levels(a))}
            ${this.line(c.method, this.methods(a))}
            ${this.line(c.frequency, a.frequency)}
            ${this.line(c.producedBy, actorNames(a.producedBy))}
            ${this.line(c.deliveredBy, this.deliveries(a))}
          </dl>
        </li>`,
        )}</ul>`
      }
    </article>`;
  }

  private line(label: string, value: unknown) {
    return value ? html`<dt>${label}</dt><dd>${value}</dd>` : nothing;
  }

  private levels(a: Activity): string {
    return levelsOf(this.t, a);
  }

  private methods(a: Activity) {
    return a.methods.length > 1
      ? html`<ul class="plain">${a.methods.map((m) => html`<li>${m}</li>`)}</ul>`
      : (a.methods[0] ?? '');
  }

  private deliveries(a: Activity) {
    const items = deliveriesOf(a);
    return items.length > 1 ? html`<ul class="plain">${items.map((i) => html`<li>${i}</li>`)}</ul>` : (items[0] ?? '');
  }
}
