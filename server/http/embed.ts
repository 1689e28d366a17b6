// /embed/<element>?<attributes>: one widget in a page of its own, for sites whose editor strips scripts and allows
// only a frame. Any site may frame it (frame-ancestors *); it tells its parent its height as it changes.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import { LANGUAGES } from '../../contract/catalogues.js';
import { fallbackPath } from '../../contract/snippets.js';
import { exactPath } from '../../contract/widgets-version.js';
import { ErrorCode } from '../../schema/errors.js';
import { sendError } from './errors.js';
import { readElements } from './pages/elements.js';
import { html, layout, STRICT_CSP } from './pages/html.js';
import { findWidgetBuilds, type WidgetBuilds } from './widgets.js';

const hostFile = (name: string) => fileURLToPath(new URL(`../../widgets/demo/${name}`, import.meta.url));

/** The pages' own policy, but framable from anywhere: being framed by council pages is this page's purpose. */
const EMBED_CSP = STRICT_CSP.replace("frame-ancestors 'none'", 'frame-ancestors *');

/** Attributes a frame's address may not set: the page is served by the service itself, so it needs no address or key. */
const NOT_FROM_ADDRESS = new Set(['api', 'key']);

export const embedPages: FastifyPluginAsync<{ builds?: WidgetBuilds }> = async (
  app,
  { builds = findWidgetBuilds() },
) => {
  const script = await readFile(hostFile('embed-resize.js'), 'utf8');
  const css = await readFile(hostFile('embed.css'), 'utf8');
  const elements = new Map(readElements().map((e) => [e.tag, e]));

  app.get<{ Params: { element: string }; Querystring: Record<string, unknown> }>(
    '/embed/:element',
    async (request, reply) => {
      const element = elements.get(request.params.element);
      if (!element)
        return sendError(
          reply,
          ErrorCode.NOT_FOUND,
          `There is no widget called ${request.params.element}. Frame one of ${[...elements.keys()].join(', ')}, as /embed/ph-directory?area=E09000003.`,
        );
      if (!builds.current)
        return sendError(reply, ErrorCode.NOT_FOUND, 'The widgets are not built on this server; run `npm run build`.');
      // Only the element's own attributes pass from the address to the element: nothing else reaches the markup.
      const attributes: Record<string, string> = {};
      for (const { name } of element.attributes) {
        const value = request.query[name];
        if (typeof value === 'string' && !NOT_FROM_ADDRESS.has(name)) attributes[name] = value.slice(0, 500);
      }
      const lang =
        typeof request.query.lang === 'string' && LANGUAGES.includes(request.query.lang) ? request.query.lang : 'en';
      const fallback = fallbackPath(element.tag, attributes);
      const summary = (element.description.split('. ')[0] ?? element.tag).replace(/\.$/, '');
      const attributeMarkup = Object.entries(attributes).map(([name, value]) => html` ${name}="${value}"`);
      const body = html`<main>
<${element.tag}${attributeMarkup}>${fallback ? html`<a href="${fallback}${lang === 'en' ? '' : `${fallback.includes('?') ? '&' : '?'}lang=${lang}`}" target="_top">${summary}</a>` : ''}</${element.tag}>
</main>`;
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', EMBED_CSP)
        .header('cache-control', 'public, max-age=300')
        .send(
          layout(
            summary,
            body,
            '/embed/assets/embed.css',
            [`${exactPath(builds.current)}${element.tag}.js`, '/embed/assets/embed-resize.js'],
            {
              lang: lang === 'en' ? 'en-GB' : lang,
            },
          ),
        );
    },
  );
  app.get('/embed/assets/embed-resize.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(script),
  );
  app.get('/embed/assets/embed.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(css),
  );
};
