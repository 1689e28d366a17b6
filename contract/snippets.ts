// What a web editor pastes: the script, the element with its attributes and its fallback link, and the
// Content-Security-Policy lines the host page needs. The /demo page shows these; the README explains them.
import type { DemoExample } from './demo-examples.js';
import { aliasPath, exactPath } from './widgets-version.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeMarkup = (value: string): string => value.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);

/** Where the widgets come from: the service's public address, the version to name, and the pinned file's integrity. */
export interface SnippetSource {
  origin: string;
  version: string;
  /** `sha384-…` of the example's script at the exact version. */
  integrity?: string;
}

/** The script file that registers just this element (`ph-directory.js`), smaller than all four together. */
export const scriptFile = (example: DemoExample): string => `${example.tag}.js`;

/** The element with its attributes and, inside it, the link a reader without JavaScript follows. */
export function elementMarkup(example: DemoExample, origin: string): string {
  const attributes = Object.entries(example.attributes)
    .map(([name, value]) => ` ${name}="${escapeMarkup(value)}"`)
    .join('');
  return `<${example.tag}${attributes}>
  <a href="${escapeMarkup(origin + example.fallback.path)}">${escapeMarkup(example.fallback.text)}</a>
</${example.tag}>`;
}

/**
 * The Content-Security-Policy directives a host page with a policy must extend with the service's origin: the
 * scripts come from it and the widgets ask it for data. Their styles are constructed stylesheets, which no
 * style-src governs, and they load no fonts, images or frames.
 */
export const cspDirectives = (origin: string): string[] => [`script-src ${origin}`, `connect-src ${origin}`];

/**
 * The whole snippet: the CSP lines as a comment, the script from the major-version alias (it follows compatible
 * releases), the element, and, commented out, the same script pinned to this exact version with Subresource
 * Integrity for sites that must approve every change.
 */
export function widgetSnippet(example: DemoExample, source: SnippetSource): string {
  const file = scriptFile(example);
  const pinned = `<script type="module" src="${source.origin}${exactPath(source.version)}${file}"${
    source.integrity ? ` integrity="${source.integrity}"` : ''
  } crossorigin="anonymous"></script>`;
  return `<!-- Partnership Hub widget. If your page has a Content-Security-Policy, add this service to it:
     ${cspDirectives(source.origin).join('; ')} -->
<script type="module" src="${source.origin}${aliasPath(source.version)}${file}"></script>
${elementMarkup(example, source.origin)}
<!-- To pin this exact version instead (it never changes; upgrade by editing the address and integrity):
${pinned} -->`;
}

/** The address of the element in a page of its own, for a frame: `/embed/ph-directory?area=E09000003`. */
export const embedPath = (example: DemoExample): string =>
  `/embed/${example.tag}?${new URLSearchParams(example.attributes as Record<string, string>)}`;

/**
 * The frame for pages whose editor strips scripts. It starts tall enough for a first screen of results; a page
 * that can run a script may listen for the frame's `ph-embed-resize` messages to fit its height to the content.
 */
export function iframeSnippet(example: DemoExample, origin: string): string {
  return `<!-- If your page has a Content-Security-Policy, add: frame-src ${origin} -->
<iframe src="${escapeMarkup(origin + embedPath(example))}" title="${escapeMarkup(example.title)}" width="100%" height="600"></iframe>
<p><a href="${escapeMarkup(origin + example.fallback.path)}">${escapeMarkup(example.fallback.text)}</a></p>`;
}

/**
 * The service's own page showing what an element shows, for its fallback link: the directory's search, a
 * programme's action plan or communication plan, or a network; undefined when the attributes name none.
 */
export function fallbackPath(tag: string, attributes: Readonly<Record<string, string>>): string | undefined {
  const programme = attributes.programme ? encodeURIComponent(attributes.programme) : undefined;
  switch (tag) {
    case 'ph-directory': {
      const query = new URLSearchParams();
      for (const name of ['text', 'topic', 'area', 'postcode']) if (attributes[name]) query.set(name, attributes[name]);
      for (const kind of (attributes.kind ?? '').split(',').filter(Boolean)) query.append('kind', kind.trim());
      return `/directory${query.size ? `?${query}` : ''}`;
    }
    case 'ph-programme':
      return programme && `/programmes/${programme}`;
    case 'ph-comms-plan':
      return programme && `/programmes/${programme}/communication-plan`;
    case 'ph-network': {
      const query = new URLSearchParams();
      for (const name of ['programme', 'organisation', 'around', 'depth'])
        if (attributes[name]) query.set(name, attributes[name]);
      return query.size ? `/network?${query}` : undefined;
    }
    default:
      return undefined;
  }
}
