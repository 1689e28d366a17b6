// The analysts' console at /graphiql, in production too: a sign-in screen for an analyst or admin key, then GraphiQL
// with the example queries, every script served from this service (no CDN) under a strict Content-Security-Policy.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import { ErrorCode } from '../../schema/errors.js';
import { EXAMPLE_QUERIES, QUESTIONS } from '../graphql/examples.js';
import { sendError } from './errors.js';
import { escapeHtml } from './pages/html.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The console's own files, and where `npm run build` copies GraphiQL and React (server/http/console-build.mjs). */
const CONSOLE_DIR = path.join(here, 'console');
export const CONSOLE_BUILD = path.join(CONSOLE_DIR, 'dist');

/**
 * Where a third-party asset comes from outside a build: the installed package, so development and tests need no build
 * step. A built service never reaches this (it reads CONSOLE_BUILD), so production needs none of these packages.
 */
const PACKAGE_FILES: Record<string, [string, string]> = {
  'react.js': ['react', 'umd/react.production.min.js'],
  'react-dom.js': ['react-dom', 'umd/react-dom.production.min.js'],
  'graphiql.js': ['graphiql', 'graphiql.min.js'],
  'graphiql.css': ['graphiql', 'graphiql.min.css'],
};

/** The only files served, by name, with their types: nothing else on disk is reachable through a request path. */
const TYPES: Record<string, string> = {
  'react.js': 'text/javascript',
  'react-dom.js': 'text/javascript',
  'graphiql.js': 'text/javascript',
  'graphiql.css': 'text/css',
  'console.js': 'text/javascript',
  'console.css': 'text/css',
};

function assetFile(name: string): string | undefined {
  if (!Object.hasOwn(PACKAGE_FILES, name)) return path.join(CONSOLE_DIR, name);
  const built = path.join(CONSOLE_BUILD, name);
  if (existsSync(built)) return built;
  const [pkg, file] = PACKAGE_FILES[name]!;
  try {
    // React's exports map hides its UMD builds from require.resolve, so the file is found beside package.json.
    return path.join(path.dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), file);
  } catch {
    return undefined;
  }
}

/**
 * The page's policy: scripts and styles from this service only, requests to it only, no frames, forms or plugins.
 * GraphiQL 3 (CodeMirror 5 and React) writes its styles through the DOM's style properties, which the policy allows
 * without 'unsafe-inline'; its icons and fonts are inline SVG and data: URIs.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The example questions as a list: what each answers and which key it needs, readable before signing in. */
function questionList(): string {
  return Object.entries(QUESTIONS)
    .map(([key, question]) => {
      const examples = EXAMPLE_QUERIES.filter((e) => e.question === key)
        .map(
          (e) =>
            `<li>${escapeHtml(e.title)} <span class="role">(${e.role === 'public' ? 'any key' : `needs an ${e.role} key`})</span></li>`,
        )
        .join('');
      return `<li><strong>${escapeHtml(question)}</strong><ul>${examples}</ul></li>`;
    })
    .join('');
}

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
  <main id="sign-in">
    <h1>Partnership Hub: analysts' console</h1>
    <p>Explore the partnership graph with GraphQL. Sign in with an analyst or admin key: it is kept in this browser tab only, and forgotten when the tab closes or you sign out.</p>
    <form id="sign-in-form" novalidate>
      <label for="key">Analyst or admin key</label>
      <input id="key" name="key" type="password" autocomplete="off" spellcheck="false" required aria-describedby="key-hint key-error">
      <p id="key-hint" class="hint">An admin issues keys (npm run keys). Public and widget keys cannot open the console.</p>
      <p id="key-error" class="error" role="alert"></p>
      <button type="submit">Sign in</button>
    </form>
    <noscript><p>The console needs JavaScript. You can also send GraphQL queries to /graphql with any HTTP client.</p></noscript>
    <h2>Example questions</h2>
    <ul class="questions">${questionList()}</ul>
  </main>
  <div id="graphiql" hidden></div>
  <script src="/graphiql/assets/react.js" defer></script>
  <script src="/graphiql/assets/react-dom.js" defer></script>
  <script src="/graphiql/assets/graphiql.js" defer></script>
  <script src="/graphiql/assets/console.js" defer></script>
</body>
</html>`;

export const analystConsole: FastifyPluginAsync = async (app) => {
  app.get('/graphiql', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', CONSOLE_CSP)
      // The page holds no data and no key; a key typed into it stays in the tab's sessionStorage.
      .header('cache-control', 'no-cache')
      .header('referrer-policy', 'no-referrer')
      .send(PAGE),
  );
  app.get('/graphiql/examples.json', async () => EXAMPLE_QUERIES);
  app.get<{ Params: { name: string } }>('/graphiql/assets/:name', async (request, reply) => {
    const { name } = request.params;
    // Own entries only: `constructor` or `toString` would otherwise find Object's and fail as a 500.
    const file = Object.hasOwn(TYPES, name) ? assetFile(name) : undefined;
    if (!file) return sendError(reply, ErrorCode.NOT_FOUND, 'No such console asset.');
    const body = await readFile(file).catch(() => undefined);
    if (!body)
      return sendError(reply, ErrorCode.NOT_FOUND, 'This console asset is not built: run npm run build, then restart.');
    return reply.type(TYPES[name]!).header('cache-control', 'public, max-age=3600').send(body);
  });
};
