// /demo: a host page embedding every widget as a council page would, with the whole snippet to copy beside each,
// served under a strict Content-Security-Policy to show the widgets need no inline script or style.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import { DEMO_EXAMPLES } from '../../contract/demo-examples.js';
import { elementMarkup, iframeSnippet, scriptFile, widgetSnippet } from '../../contract/snippets.js';
import { aliasPath } from '../../contract/widgets-version.js';
import { elementReference, readElements } from './pages/elements.js';
import { html, Html, layout, STRICT_CSP } from './pages/html.js';
import { findWidgetBuilds, type WidgetBuilds } from './widgets.js';

const demoFile = (name: string) => fileURLToPath(new URL(`../../widgets/demo/${name}`, import.meta.url));

/** The snippets name the service by `publicUrl` (PUBLIC_URL), never by the Host header a client may set. */
export const demoPage: FastifyPluginAsync<{ version: string; publicUrl: () => string; builds?: WidgetBuilds }> = async (
  app,
  { version, publicUrl, builds = findWidgetBuilds() },
) => {
  const css = await readFile(demoFile('demo.css'), 'utf8');
  const js = await readFile(demoFile('demo.js'), 'utf8');
  const elements = readElements();

  app.get('/demo', async (_request, reply) => {
    const origin = publicUrl();
    const widgets = builds.current;
    // The page itself loads all four at once, from the alias as the snippets do.
    const script = widgets ? `${aliasPath(widgets)}ph-widgets.js` : undefined;
    const body = html`<header><p>Example Council: public health</p></header>
<main>
  <h1>Partnership Hub widgets</h1>
  <p>Each widget below is placed as a council or NHS page would place it. Copy its snippet into any page, as it is:
    it holds the script, the widget and a link for readers without JavaScript, and says what to add to the page's
    Content-Security-Policy. This page allows scripts and styles from this service only.</p>
  <p>Widgets version ${widgets ?? 'none built'}, service version ${version}. The snippets load the widgets from
    <code>${widgets ? aliasPath(widgets) : '/widgets/'}</code>, which follows every compatible release.</p>
  <p>Last widget event: <span id="event-log">none yet</span></p>
  ${DEMO_EXAMPLES.map((example) => {
    const source = {
      origin,
      version: widgets ?? '',
      integrity: widgets ? builds.integrity(widgets, scriptFile(example)) : undefined,
    };
    return html`<section class="example" id="${example.id}" aria-labelledby="${example.id}-title">
    <h2 id="${example.id}-title">${example.title}</h2>
    <p>${example.description}</p>
    ${new Html(elementMarkup(example, origin))}
    <h3>Snippet</h3>
    <pre><code>${widgetSnippet(example, source)}</code></pre>
    <p>In a page whose editor strips scripts, use a frame instead:</p>
    <pre><code>${iframeSnippet(example, origin)}</code></pre>
    ${elements.filter((e) => e.tag === example.tag).map(elementReference)}
  </section>`;
  })}
</main>`;
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', STRICT_CSP)
      .header('cache-control', 'no-cache')
      .send(layout('Partnership Hub widgets: demo', body, '/demo/demo.css', script ? [script, '/demo/demo.js'] : []));
  });
  app.get('/demo/demo.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(css),
  );
  app.get('/demo/demo.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(js),
  );
};
