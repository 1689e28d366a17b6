// /programmes/<key>: a programme's action plan, and /programmes/<key>/communication-plan its communication plan, as
// plain tables for readers without JavaScript (the programme and communication plan widgets' fallback links lead
// here), from the widgets' own documents and strings.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { actorNames } from '../../../contract/actors.js';
import { deliveriesOf, dueOf, leadOf, levelsOf, targetOf } from '../../../contract/plan-text.js';
import { COMMS_PLAN, type CommsPlan } from '../../../contract/queries/comms-plan.js';
import { PROGRAMME_SOURCES, type ProgrammeSources } from '../../../contract/queries/document.js';
import { PROGRAMME_PLAN, type PlanAction, type ProgrammePlan } from '../../../contract/queries/programme.js';
import { documentStrings } from '../../../contract/strings-document.js';
import type { Strings } from '../../../contract/strings.js';
import { timingOf } from '../../../contract/timing.js';
import { html, type Html } from './html.js';
import {
  inLanguage,
  type PageDependencies,
  pageStrings,
  type QueryResult,
  runQuery,
  sendPage,
  sourceLinks,
} from './page.js';

type ProgrammeRequest = FastifyRequest<{ Params: { programme: string }; Querystring: { lang?: string } }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-/i;

/** A programme's key (barnet-immunisation-2017-18) or id, as the widgets' `programme` attribute takes either. */
const byKeyOrId = (programme: string) => (UUID.test(programme) ? { id: programme } : { key: programme });

/** A programme the graph lacks is the link's mistake: 404 with the way back to the directory. */
function notFound(reply: FastifyReply, t: Strings): FastifyReply {
  reply.code(404);
  return sendPage(
    reply,
    t,
    t.notFoundHeading,
    html`<main><h1>${t.notFoundHeading}</h1><p>${t.errorNotFound}</p><p><a href="${inLanguage(t, '/directory')}">${t.directoryHeading}</a></p></main>`,
  );
}

/** A failed query: the programme is missing (404), or the service cannot answer now (503). */
function failed(reply: FastifyReply, t: Strings, error: QueryResult<unknown>['error']): FastifyReply {
  if (!error || error.code === 'NOT_FOUND' || error.code === 'BAD_USER_INPUT') return notFound(reply, t);
  reply.code(503);
  return sendPage(reply, t, t.errorGeneric, html`<main><h1>${t.errorGeneric}</h1></main>`);
}

export const programmePages: FastifyPluginAsync<PageDependencies> = async (app, deps) => {
  app.get('/programmes/:programme', async (request: ProgrammeRequest, reply) => {
    const t = pageStrings(request);
    const { data, error } = await runQuery<ProgrammePlan>(
      deps,
      request,
      PROGRAMME_PLAN,
      byKeyOrId(request.params.programme),
    );
    if (!data?.programme) return failed(reply, t, error);
    // Where the programme and its actions were read from, for links to the words (the widget's own query lacks it).
    const sources = await runQuery<ProgrammeSources>(
      deps,
      request,
      PROGRAMME_SOURCES,
      byKeyOrId(request.params.programme),
    );
    return sendPage(reply, t, data.programme.name, actionPlan(t, data.programme, sources.data?.programme));
  });

  app.get('/programmes/:programme/communication-plan', async (request: ProgrammeRequest, reply) => {
    const t = pageStrings(request);
    const { data, error } = await runQuery<CommsPlan>(deps, request, COMMS_PLAN, byKeyOrId(request.params.programme));
    if (!data?.programme) return failed(reply, t, error);
    return sendPage(reply, t, t.commsHeading(data.programme.name), communicationPlan(t, data.programme));
  });
};

/** How an action stands in time, told as its document's date allows: overdue when written, or no report since. */
function timingCell(t: Strings, a: PlanAction): Html | string {
  const timing = timingOf(t, a);
  return timing ? html` <strong class="overdue">${timing}</strong>` : '';
}

function actionPlan(t: Strings, plan: ProgrammePlan['programme'], sources?: ProgrammeSources['programme']): Html {
  const c = t.actionColumns;
  const d = documentStrings(t.locale);
  const actionSources = new Map((sources?.actions ?? []).map((a) => [a.id, a.sourceDocuments]));
  const table = (id: string, title: string, actions: PlanAction[]) => html`<section aria-labelledby="ws-${id}">
    <h2 id="ws-${id}">${title}</h2>
    <table>
      <thead><tr><th scope="col">${c.action}</th><th scope="col">${c.status}</th><th scope="col">${c.due}</th><th scope="col">${c.lead}</th></tr></thead>
      <tbody>${actions.map(
        (a) => html`<tr>
        <td>${a.name}${sourceLinks(t, actionSources.get(a.id), a.name)}</td>
        <td>${t.statuses[a.status] ?? a.status}${timingCell(t, a)}</td>
        <td>${dueOf(t, a)}</td>
        <td>${leadOf(t, a)}</td>
      </tr>`,
      )}</tbody>
    </table>
  </section>`;
  const own = plan.actions.filter((a) => !a.workstream);
  // These are dated plans: "overdue" means overdue when the plan was written, as the widget says (contract/timing.ts),
  // not by today's date, when an action with no later report may long since have been done.
  const summary = t.programmeSummaryWhenWritten(
    plan.actionPlan.total,
    plan.actions.filter((a) => a.overdueAsOfDocument === true).length,
  );
  return html`<main>
  <h1>${plan.name}</h1>
  ${plan.period ? html`<p class="meta">${plan.period}</p>` : ''}
  ${plan.demo ? html`<p><strong>${t.demoTag}</strong></p>` : ''}
  ${plan.description ? html`<p>${plan.description}</p>` : ''}
  ${
    sources?.sourceDocuments.length
      ? html`<p>${sources.sourceDocuments.map((s) => html`<a href="${inLanguage(t, s.url)}">${d.readInDocument(s.title)}</a> `)}</p>`
      : ''
  }
  <p><strong>${summary}</strong></p>
  ${
    plan.partners.length > 0
      ? html`<section aria-labelledby="partners"><h2 id="partners">${t.partnersHeading}</h2><ul>${plan.partners.map(
          (p) =>
            html`<li>${p.organisation.name} (${t.roles[p.role] ?? p.role})${p.inferred ? html` <em class="inferred">${t.inferred(p.inference ?? '')}</em>` : ''}</li>`,
        )}</ul></section>`
      : ''
  }
  <ul>${plan.actionPlan.byStatus.map((s) => html`<li>${t.statuses[s.status] ?? s.status}: ${t.number(s.count)}</li>`)}</ul>
  ${
    plan.targets.length > 0
      ? html`<section aria-labelledby="targets"><h2 id="targets">${t.targetsHeading}</h2><ul>${plan.targets.map(
          (target) =>
            html`<li><strong>${target.name}</strong>: ${targetOf(t, target)}. ${target.progress == null ? t.noReading : t.targetProgress(Math.max(0, Math.min(1, target.progress)))}</li>`,
        )}</ul></section>`
      : ''
  }
  ${plan.actions.length === 0 ? html`<p>${t.noActions}</p>` : ''}
  ${own.length > 0 ? table('programme-wide', t.programmeWideActions, own) : ''}
  ${plan.workstreams.map((w) => {
    const actions = plan.actions.filter((a) => a.workstream?.id === w.id);
    return actions.length > 0 ? table(w.id, w.position != null ? `${w.position}. ${w.name}` : w.name, actions) : '';
  })}
</main>`;
}

function communicationPlan(t: Strings, plan: CommsPlan['programme']): Html {
  const c = t.commsColumns;
  const list = (items: string[]) =>
    items.length > 1 ? html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>` : items[0];
  return html`<main>
  <h1>${t.commsHeading(plan.name)}</h1>
  ${plan.demo ? html`<p><strong>${t.demoTag}</strong></p>` : ''}
  ${
    plan.communicationPlan.length === 0
      ? html`<p>${t.noComms}</p>`
      : html`<div class="scroll" role="region" aria-labelledby="plan-caption" tabindex="0"><table>
    <caption id="plan-caption">${t.commsHeading(plan.name)}</caption>
    <thead><tr><th scope="col">${c.group}</th><th scope="col">${c.need}</th><th scope="col">${c.level}</th><th scope="col">${c.method}</th>
      <th scope="col">${c.frequency}</th><th scope="col">${c.producedBy}</th><th scope="col">${c.deliveredBy}</th></tr></thead>
    <tbody>${plan.communicationPlan.map(
      (a) => html`<tr>
      <th scope="row">${a.group?.name ?? a.name}</th>
      <td>${a.group?.need ?? ''}</td>
      <td>${levelsOf(t, a)}</td>
      <td>${list(a.methods)}</td>
      <td>${a.frequency ?? ''}</td>
      <td>${actorNames(a.producedBy)}</td>
      <td>${list(deliveriesOf(a))}</td>
    </tr>`,
    )}</tbody>
  </table></div>`
  }
</main>`;
}
