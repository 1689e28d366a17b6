// The admin web console at /admin: its page under the pages' strict CSP, its built scripts from admin/dist, and the
// model it edits records by (/admin/model.json, derived from schema/model.ts so the console never restates it).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import type { AdminModel, AdminProperty } from '../../contract/admin-model.js';
import { ErrorCode } from '../../schema/errors.js';
import type { Label } from '../../schema/graph.js';
import { LINK_QUOTATION } from '../../schema/concepts/source-document.js';
import { SearchKindEnum } from '../../schema/graphql/search.js';
import {
  DESCRIPTIONS,
  GRAPHQL_LABELS,
  LINKS,
  NODE_MODEL,
  type PropertySpecs,
  RELATIONSHIP_MODEL,
} from '../../schema/model.js';
import { sendError } from './errors.js';
import { html, layout, STRICT_CSP } from './pages/html.js';

/** Where `npm run build` writes the console (admin/build.ts). */
export const ADMIN_DIST = fileURLToPath(new URL('../../admin/dist/', import.meta.url));

/** Properties the service manages on every record: shown, never edited as fields. */
const MANAGED = new Set(['id', 'key', 'version', 'retired']);

function properties(specs: PropertySpecs): AdminProperty[] {
  return Object.entries(specs)
    .filter(([name, spec]) => !spec.internal && !MANAGED.has(name))
    .map(([name, spec]) => ({
      name,
      type: Array.isArray(spec.type) ? 'choice' : (spec.type as Exclude<AdminProperty['type'], 'choice'>),
      ...(Array.isArray(spec.type) ? { choices: [...spec.type] } : {}),
      required: spec.required === true,
      private: spec.private === true,
      description: spec.description,
    }));
}

/** The model as the console needs it: only the kinds GraphQL serves, since the console reads records through it. */
export function adminModel(): AdminModel {
  const served = new Set<string>(GRAPHQL_LABELS);
  const searchKinds = new Map(Object.entries(SearchKindEnum).map(([kind, label]) => [label as string, kind]));
  return {
    labels: GRAPHQL_LABELS.map((label: Label) => ({
      label,
      description: DESCRIPTIONS[label],
      ...(searchKinds.has(label) ? { searchKind: searchKinds.get(label) } : {}),
      properties: properties(NODE_MODEL[label]),
      links: Object.values(LINKS[label])
        .filter((link) => link.to.every((to) => served.has(to)))
        .map((link) => ({
          field: link.field,
          rel: link.rel,
          direction: link.direction,
          to: [...link.to],
          one: link.one,
          description: link.description,
        })),
    })),
    relationships: Object.entries(RELATIONSHIP_MODEL)
      .map(([type, spec]) => ({
        type,
        from: spec.from.filter((l) => served.has(l)),
        to: spec.to.filter((l) => served.has(l)),
        description: spec.description,
        // The seed's quotation and its place are provenance, shown on the document's page, not an admin's to edit.
        properties: properties(spec.properties).filter((p) => !Object.hasOwn(LINK_QUOTATION, p.name)),
      }))
      .filter((r) => r.from.length > 0 && r.to.length > 0),
  };
}

const PAGE = (): string =>
  layout(
    'Partnership Hub admin',
    html`<a class="skip-link" href="#main">Skip to main content</a>
<header class="masthead"><p class="service-name">Partnership Hub <span>admin</span></p></header>
<main id="main" tabindex="-1">
<hub-admin><noscript><p>The admin console needs JavaScript. Admins can also use the npm run seed, keys and export commands, or /graphql.</p></noscript></hub-admin>
</main>`,
    '/admin/assets/admin.css',
    ['/admin/assets/admin.js'],
  );

export const adminConsole: FastifyPluginAsync<{ dist?: string }> = async (app, { dist = ADMIN_DIST }) => {
  const model = adminModel();
  app.get('/admin/model.json', async (_request, reply) => reply.header('cache-control', 'no-cache').send(model));
  if (!existsSync(path.join(dist, 'admin.js'))) {
    app.log.warn('the admin console is not built, so /admin answers 404: run `npm run build`');
    app.get('/admin', async (_request, reply) =>
      sendError(reply, ErrorCode.NOT_FOUND, 'The admin console is not built on this server; run `npm run build`.'),
    );
    return;
  }
  // The plugin only adds sendFile here: the one route below decides which files may be sent.
  await app.register(fastifyStatic, { root: dist, serve: false });
  const page = PAGE();
  // The page holds no data and the key lives in the tab's sessionStorage, so it may be cached briefly like any asset.
  app.get('/admin', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', STRICT_CSP)
      .header('cache-control', 'no-cache')
      .header('referrer-policy', 'no-referrer')
      .send(page),
  );
  app.get<{ Params: { '*': string } }>('/admin/assets/*', async (request, reply) => {
    const file = request.params['*'];
    // Only the build's own files: the manifest and other dot-files stay private, and no path climbs out.
    if (file.split('/').some((part) => part.startsWith('.') || part === '') || !existsSync(path.join(dist, file)))
      return sendError(reply, ErrorCode.NOT_FOUND, `There is no admin console file ${file}.`);
    return reply.header('content-security-policy', STRICT_CSP).sendFile(file, dist, { maxAge: '5m' });
  });
};
