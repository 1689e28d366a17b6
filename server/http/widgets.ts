// The widgets' scripts under /widgets/<version>/: cached for a year (a new release has a new path) and open to
// every origin, because council and NHS pages on any site load them as module scripts.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { ErrorCode } from '../../schema/errors.js';
import { sendError } from './errors.js';

/** Where `npm run build` writes the widgets. */
export const WIDGETS_DIST = fileURLToPath(new URL('../../widgets/dist/', import.meta.url));

export const widgetsPath = (version: string): string => `/widgets/${version}/`;

export const widgetScripts: FastifyPluginAsync<{ version: string }> = async (app, { version }) => {
  const prefix = widgetsPath(version);
  if (!existsSync(WIDGETS_DIST)) {
    app.log.warn('the widgets are not built, so /widgets answers 404: run `npm run build`');
    app.get('/widgets/*', async (_request, reply) =>
      sendError(reply, ErrorCode.NOT_FOUND, 'The widgets are not built on this server; run `npm run build`.'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: WIDGETS_DIST,
    prefix,
    // Only the build's own files; the manifest and dot-files stay private.
    allowedPath: (pathName) => !pathName.split('/').some((part) => part.startsWith('.')),
    index: false,
    list: false,
    immutable: true,
    maxAge: '365d',
    setHeaders: (res) => {
      res.header('access-control-allow-origin', '*');
      res.header('cross-origin-resource-policy', 'cross-origin');
    },
  });
  // A snippet pinned to "latest" follows releases; the redirect is cached briefly so a release reaches pages soon.
  app.get<{ Params: { '*': string } }>('/widgets/latest/*', async (request, reply) =>
    reply
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .redirect(`${prefix}${request.params['*']}`, 302),
  );
  // Any other version: say which one this server has.
  app.get('/widgets/*', async (_request, reply) =>
    sendError(reply, ErrorCode.NOT_FOUND, `This server has the widgets of version ${version}, under ${prefix}.`),
  );
};
