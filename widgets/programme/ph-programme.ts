// <ph-programme>: a programme's action plan: partners, workstreams with their actions (status, due, lead), timing and targets.
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import {
  PROGRAMME_PLAN,
  type PlanAction,
  type PlanPartner,
  type PlanTarget,
  type ProgrammePlan,
} from '../../contract/queries/programme.js';
import { dueOf, leadOf, targetOf } from '../../contract/plan-text.js';
import { timingOf } from '../../contract/timing.js';
import { ConfigError, PhElement } from '../core/base.js';
import { emit } from '../core/events.js';
import { theme } from '../core/theme.js';
import { programmeStyles } from './ph-programme.styles.js';
import { renderTrajectory } from './trajectory-chart.js';

/**
 * Sets how full a progress bar is through the element's style object. Not a style attribute (styleMap writes one on
 * first render): host pages' strict CSPs refuse inline style attributes, and the bar would then show full.
 */
const fill = (share: number) => (element?: Element) =>
  (element as HTMLElement | undefined)?.style.setProperty('width', `${share * 100}%`);

/**
 * A programme's action plan, read-only, for a partnership's public page.
 *
 * @tagname ph-programme
 * @attr api - the service's address; the address this script came from if not given
 * @attr key - a widget API key, if the service asks for one
 * @attr programme - the programme's key (london-mecc-2017-18) or id
 *
 * @event ph-load - the plan arrived ({shown, total} actions)
 * @event ph-error - the plan could not be loaded ({code, message})
 *
 * @csspart base - the whole widget
 * @csspart heading - the programme's name
 * @csspart summary - the counts by status
 * @csspart targets - the list of targets
 * @csspart target - one target with its progress bar
 * @csspart trajectory - a target's chart of readings against its line to the target by the deadline
 * @csspart trajectory-table - the chart's values as a table
 * @csspart actions - each table of actions
 * @csspart partners - the list of partners, inferred ones said to be so
 * @csspart inferred - why a partnership the document does not state was read into it
 * @csspart overdue - the marker on an action past its due date: overdue when the plan was written, or no report since
 * @csspart timing - when an open action was last reported on
 * @csspart status - loading and error messages
 */
export class PhProgramme extends PhElement {
  static override styles = [theme, programmeStyles];

  static override properties = {
    ...PhElement.properties,
    programme: { type: String },
    plan: { state: true },
    statusFilter: { state: true },
    overdueOnly: { state: true },
  };

  declare programme: string;
  declare private plan?: ProgrammePlan['programme'];
  declare private statusFilter: string;
  declare private overdueOnly: boolean;

  protected readonly reloadOn = ['programme'];

  constructor() {
    super();
    this.programme = '';
    this.statusFilter = '';
    this.overdueOnly = false;
  }

  protected async load(signal: AbortSignal): Promise<void> {
    if (!this.programme) throw new ConfigError('programme');
    const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(this.programme);
    const data = await this.client.query<ProgrammePlan>(
      PROGRAMME_PLAN,
      isId ? { id: this.programme } : { key: this.programme },
      signal,
    );
    this.plan = data.programme;
    emit(this, 'ph-load', { shown: data.programme.actions.length, total: data.programme.actionPlan.total });
  }

  override render() {
    const plan = this.plan;
    if (!plan || this.loadState !== 'ready') return html`<div part="base">${this.renderStatus()}</div>`;
    const t = this.t;
    const shown = plan.actions.filter(
      (a) => (!this.statusFilter || a.status === this.statusFilter) && (!this.overdueOnly || a.overdue),
    );
    const own = shown.filter((a) => !a.workstream);
    return html`<article part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${plan.name}</h2>
      ${plan.period ? html`<p class="muted">${plan.period}</p>` : nothing}
      ${plan.demo ? html`<p><span class="tag tag-demo">${t.demoTag}</span></p>` : nothing}
      ${plan.description ? html`<p>${plan.description}</p>` : nothing}
      <ul class="summary" part="summary" aria-label=${t.programmeSummary(plan.actionPlan.total, plan.actionPlan.overdue.length)}>
        <li><strong>${t.programmeSummary(plan.actionPlan.total, plan.actionPlan.overdue.length)}</strong></li>
        ${plan.actionPlan.byStatus.map((s) => html`<li>${t.statuses[s.status] ?? s.status}: ${s.count}</li>`)}
      </ul>
      ${plan.partners.length > 0 ? this.renderPartners(plan.partners) : nothing}
      ${plan.targets.length > 0 ? this.renderTargets(plan.targets) : nothing}
      <div class="filters">
        <div class="field">
          <label for="status">${t.statusFilter}</label>
          <select id="status" @change=${(e: Event) => (this.statusFilter = (e.target as HTMLSelectElement).value)}>
            <option value="">${t.anyOption}</option>
            ${plan.actionPlan.byStatus.map((s) => html`<option value=${s.status} ?selected=${s.status === this.statusFilter}>${t.statuses[s.status] ?? s.status}</option>`)}
          </select>
        </div>
        <label class="choice"><input type="checkbox" .checked=${this.overdueOnly}
          @change=${(e: Event) => (this.overdueOnly = (e.target as HTMLInputElement).checked)} />${t.overdueOnly}</label>
      </div>
      <p role="status" class="muted">${shown.length === plan.actions.length ? '' : t.resultsCount(shown.length, plan.actions.length)}</p>
      ${shown.length === 0 ? html`<p>${t.noActions}</p>` : nothing}
      ${own.length > 0 ? this.renderActions(t.programmeWideActions, 'programme-wide', own) : nothing}
      ${plan.workstreams.map((w) => {
        const actions = shown.filter((a) => a.workstream?.id === w.id);
        return actions.length > 0
          ? this.renderActions(w.position != null ? `${w.position}. ${w.name}` : w.name, w.id, actions)
          : nothing;
      })}
    </article>`;
  }

  private renderPartners(partners: PlanPartner[]) {
    const t = this.t;
    return html`<section aria-labelledby="partners-heading">
      <h3 id="partners-heading">${t.partnersHeading}</h3>
      <ul class="partners" part="partners">
        ${partners.map(
          (p) =>
            html`<li>${p.organisation.name} (${t.roles[p.role] ?? p.role})${
              p.inferred
                ? html`<br /><span class="inferred" part="inferred">${t.inferred(p.inference ?? '')}</span>`
                : nothing
            }</li>`,
        )}
      </ul>
    </section>`;
  }

  private renderTargets(targets: PlanTarget[]) {
    const t = this.t;
    return html`<section aria-labelledby="targets-heading">
      <h3 id="targets-heading">${t.targetsHeading}</h3>
      <ul class="targets" part="targets">
        ${targets.map((target) => {
          const latest = target.readings.at(-1);
          const share = target.progress == null ? null : Math.max(0, Math.min(1, target.progress));
          const unit = target.unit ? ` ${target.unit}` : '';
          return html`<li class="target" part="target">
            <h4>${target.name}</h4>
            <p class="muted">${targetOf(t, target)}</p>
            ${
              share == null
                ? html`<p>${t.noReading}</p>`
                : html`<div class="bar" role="progressbar" aria-label=${target.name} aria-valuemin="0" aria-valuemax="100"
                    aria-valuenow=${Math.round(share * 100)} aria-valuetext=${t.targetProgress(share)}><span ${ref(fill(share))}></span></div>
                  <p>${t.targetProgress(share)}${latest ? ` (${t.number(latest.value)}${unit}, ${t.date(latest.date)})` : ''}</p>`
            }
            ${renderTrajectory(t, target)}
          </li>`;
        })}
      </ul>
    </section>`;
  }

  private renderActions(title: string, id: string, actions: PlanAction[]) {
    const t = this.t;
    const c = t.actionColumns;
    return html`<section class="workstream" aria-labelledby="ws-${id}">
      <h3 id="ws-${id}">${title}</h3>
      <table class="actions" part="actions">
        <thead><tr><th scope="col">${c.action}</th><th scope="col">${c.status}</th><th scope="col">${c.due}</th><th scope="col">${c.lead}</th></tr></thead>
        <tbody>
          ${actions.map(
            (a) => html`<tr class=${a.overdueAsOfDocument ? 'overdue-row' : ''}>
            <td>${a.name}</td>
            <td data-label=${c.status}>${t.statuses[a.status] ?? a.status} ${this.renderTiming(a)}</td>
            <td class="due" data-label=${c.due}>${dueOf(t, a)}</td>
            <td data-label=${c.lead}>${leadOf(t, a)}</td>
          </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  /**
   * An open action's time, honestly: a plan written in 2017 cannot say an action is late today, only that it was
   * late when written, or that nothing was reported after the plan's date.
   */
  private renderTiming(a: PlanAction) {
    const timing = timingOf(this.t, a);
    if (!timing) return nothing;
    if (a.overdue) {
      return html`<strong class=${a.overdueAsOfDocument ? 'tag tag-warning' : 'tag'} part="overdue">${timing}</strong>`;
    }
    return html`<span class="timing muted" part="timing">${timing}</span>`;
  }
}
