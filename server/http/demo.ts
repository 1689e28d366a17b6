// /demo: a host page embedding every widget as a council page would, with the snippet to copy beside each, served
// under a strict Content-Security-Policy to show the widgets need no inline script or style.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import { DEMO_EXAMPLES } from '../../contract/demo-examples.js';
import { escapeHtml, html, Html, layout, STRICT_CSP } from './pages/html.js';
import { widgetsPath } from './widgets.js';

const demoFile = (name: string) => fileURLToPath(new URL(`../../widgets/demo/${name}`, import.meta.url));

/** The snippets name the service by `publicUrl` (PUBLIC_URL), never by the Host header a client may set. */
export const demoPage: FastifyPluginAsync<{ version: string; publicUrl: () => string }> = async (
  app,
  { version, publicUrl },
) => {
  const css = await readFile(demoFile('demo.css'), 'utf8');
  const js = await readFile(demoFile('demo.js'), 'utf8');

  app.get('/demo', async (_request, reply) => {
    const origin = publicUrl();
    const script = `${widgetsPath(version)}ph-widgets.js`;
    const snippetOf = (markup: string) =>
      `<script type="module" src="${origin}${script}"></script>\n${markup.replaceAll('{{origin}}', origin)}`;
    const body = html`<header><p>Example Council: public health</p></header>
<main>
  <h1>Partnership Hub widgets</h1>
  <p>Each widget below is placed as a council or NHS page would place it: one script, then the widget's tag. Copy a snippet into any page;
    the script tag is needed once per page. This page allows scripts and styles from this service only.</p>
  <p>Last widget event: <span id="event-log">none yet</span></p>
  ${DEMO_EXAMPLES.map(
    (example) => html`<section class="example" id="${example.id}" aria-labelledby="${example.id}-title">
    <h2 id="${example.id}-title">${example.title}</h2>
    <p>${example.description}</p>
    ${new Html(example.markup.replaceAll('{{origin}}', escapeHtml(origin)))}
    <h3>Snippet</h3>
    <pre><code>${snippetOf(example.markup)}</code></pre>
  </section>`,
  )}
</main>`;
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', STRICT_CSP)
      .header('cache-control', 'no-cache')
      .send(layout('Partnership Hub widgets: demo', body, '/demo/demo.css', [script, '/demo/demo.js']));
  });
  app.get('/demo/demo.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(css),
  );
  app.get('/demo/demo.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(js),
  );
};
