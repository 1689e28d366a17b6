// /network?programme=<key> (or organisation=<key>, or around=<id>; depth=1 to 4): a partnership network as a plain
// table for readers without JavaScript (the network widget's fallback link leads here), from the widget's documents.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { CENTRE, NETWORK, type Net } from '../../../contract/queries/network.js';
import type { Strings } from '../../../contract/strings.js';
import { html, type Html } from './html.js';
import { inLanguage, type PageDependencies, pageStrings, runQuery, sendPage } from './page.js';

interface NetworkQuery {
  programme?: string;
  organisation?: string;
  around?: string;
  depth?: string;
  lang?: string;
}

export const networkPage: FastifyPluginAsync<PageDependencies> = async (app, deps) => {
  app.get('/network', async (request: FastifyRequest<{ Querystring: NetworkQuery }>, reply) => {
    const t = pageStrings(request);
    const one = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
    const q = request.query;
    const [programme, organisation] = [one(q.programme), one(q.organisation)];
    let around = one(q.around);
    const problem = (status: number, message: string) => {
      reply.code(status);
      return sendPage(
        reply,
        t,
        t.notFoundHeading,
        html`<main><h1>${t.notFoundHeading}</h1><p>${message}</p><p><a href="${inLanguage(t, '/directory')}">${t.directoryHeading}</a></p></main>`,
      );
    };
    if (!around && !programme && !organisation) return problem(400, t.errorConfig('programme'));
    if (!around) {
      const { data } = await runQuery<{ programme?: { id: string } | null; organisation?: { id: string } | null }>(
        deps,
        request,
        CENTRE,
        {
          programme: programme || null,
          organisation: organisation || null,
          byProgramme: !!programme,
          byOrganisation: !programme,
        },
      );
      around = (data?.programme ?? data?.organisation)?.id ?? '';
      if (!around) return problem(404, t.errorNotFound);
    }
    // The widget's bounds and default: one to four steps out, two unless asked.
    const depth = Math.max(1, Math.min(4, Math.floor(Number(q.depth)) || 2));
    const { data, error } = await runQuery<{ network: Net }>(deps, request, NETWORK, { around, depth });
    if (!data)
      return problem(error?.code === 'NOT_FOUND' || error?.code === 'BAD_USER_INPUT' ? 404 : 503, t.errorNotFound);
    const centre = data.network.nodes.find((n) => n.id === around)?.name ?? '';
    return sendPage(reply, t, t.networkHeading(centre), networkTable(t, centre, data.network));
  });
};

function networkTable(t: Strings, centre: string, net: Net): Html {
  const byId = new Map(net.nodes.map((n) => [n.id, n]));
  const rows = net.edges
    .filter((e) => e.type === 'PARTNER_IN')
    .map((e) => ({ organisation: byId.get(e.source), programme: byId.get(e.target), role: e.role }))
    .filter((r) => r.organisation && r.programme)
    .sort(
      (a, b) =>
        a.programme!.name.localeCompare(b.programme!.name, t.locale) ||
        a.organisation!.name.localeCompare(b.organisation!.name, t.locale),
    );
  const parents = net.edges.filter((e) => e.type === 'PROGRAMME_PART_OF');
  const programmes = net.nodes
    .filter((n) => n.type === 'PROGRAMME')
    .sort((a, b) => a.name.localeCompare(b.name, t.locale));
  const organisations = new Set(rows.map((r) => r.organisation!.id)).size;
  const c = t.networkColumns;
  return html`<main>
  <h1>${t.networkHeading(centre)}</h1>
  <p>${t.networkSummary(organisations, new Set(rows.map((r) => r.programme!.id)).size)}</p>
  ${
    rows.length === 0
      ? html`<p>${t.noPartnerships}</p>`
      : html`<table>
    <caption>${t.networkHeading(centre)}</caption>
    <thead><tr><th scope="col">${c.organisation}</th><th scope="col">${c.role}</th><th scope="col">${c.programme}</th></tr></thead>
    <tbody>${rows.map(
      (
        r,
      ) => html`<tr><td>${r.organisation!.name}${r.organisation!.organisationKind ? html` <span class="meta">(${t.organisationKinds[r.organisation!.organisationKind] ?? ''})</span>` : ''}</td>
      <td>${r.role ? (t.roles[r.role] ?? r.role) : ''}</td><td>${r.programme!.name}</td></tr>`,
    )}</tbody>
  </table>`
  }
  <h2>${t.programmesHeading}</h2>
  <ul>${programmes.map((p) => {
    const parent = parents.find((e) => e.source === p.id);
    const parentName = parent ? byId.get(parent.target)?.name : undefined;
    return html`<li><a href="${inLanguage(t, `/programmes/${p.key}`)}">${p.name}</a>${parentName ? ` (${t.partOf(parentName)})` : ''}</li>`;
  })}</ul>
</main>`;
}
