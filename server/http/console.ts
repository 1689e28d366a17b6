// The analysts' console at /graphiql (development only): GraphiQL and its scripts served from this service.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import { ErrorCode } from '../../schema/errors.js';
import { EXAMPLE_QUERIES } from '../graphql/examples.js';
import { sendError } from './errors.js';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
/** A file inside an installed package; React's exports map hides its UMD builds from require.resolve. */
const inPackage = (name: string, file: string) =>
  path.join(path.dirname(require.resolve(`${name}/package.json`)), file);

/** The only files served, by name: nothing from the file system is reachable through a request path. */
const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: inPackage('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: inPackage('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: inPackage('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: inPackage('graphiql', 'graphiql.min.css'), type: 'text/css' },
  'console.js': { file: path.join(here, 'console', 'console.js'), type: 'text/javascript' },
};

const PAGE = `<!doctype html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Partnership Hub: analysts' console</title>
  <link rel="stylesheet" href="/graphiql/assets/graphiql.css">
  <link rel="stylesheet" href="/graphiql/assets/console.css">
</head>
<body>
  <div id="graphiql"><p>The console needs JavaScript. You can also send GraphQL queries to /graphql with any HTTP client.</p></div>
  <script src="/graphiql/assets/react.js"></script>
  <script src="/graphiql/assets/react-dom.js"></script>
  <script src="/graphiql/assets/graphiql.js"></script>
  <script src="/graphiql/assets/console.js"></script>
</body>
</html>`;

export const analystConsole: FastifyPluginAsync = async (app) => {
  app.get('/graphiql', async (_request, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
  app.get('/graphiql/examples.json', async () => EXAMPLE_QUERIES);
  app.get<{ Params: { name: string } }>('/graphiql/assets/:name', async (request, reply) => {
    if (request.params.name === 'console.css')
      return reply.type('text/css').send('html, body, #graphiql { height: 100%; margin: 0; }');
    // Own entries only: `constructor` or `toString` would otherwise find Object's and fail as a 500.
    const asset = Object.hasOwn(ASSETS, request.params.name) ? ASSETS[request.params.name] : undefined;
    if (!asset) return sendError(reply, ErrorCode.NOT_FOUND, 'No such console asset.');
    return reply
      .type(asset.type)
      .header('cache-control', 'public, max-age=3600')
      .send(await readFile(asset.file));
  });
};
