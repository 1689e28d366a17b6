// A small HTML template helper for the server-rendered pages: every interpolated value is escaped unless it is
// already Html, so data from the graph cannot inject markup.

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function render(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]) : ''), ''));
}

/**
 * A page under the pages' strict Content-Security-Policy: no script at all, styles from this service only.
 * `stylesheet` is a path on this service; `head` adds to the head (structured data); `lang` is the page's language.
 */
export function layout(
  title: string,
  body: Html,
  stylesheet: string,
  scripts: readonly string[] = [],
  { head, lang = 'en-GB' }: { head?: Html; lang?: string } = {},
): string {
  return `<!doctype html>${
    html`<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${stylesheet}">
  ${scripts.map((src) => html`<script type="module" src="${src}"></script>`)}
  ${head}
</head>
<body>
${body}
</body>
</html>`.text
  }`;
}

/**
 * schema.org structured data for search engines, as a JSON-LD data block: browsers never run it, so the pages'
 * script-src does not concern it. `<` is escaped so no value from the graph can end the block early.
 */
export function jsonLd(data: Record<string, unknown>): Html {
  const json = JSON.stringify({ '@context': 'https://schema.org', ...data }).replace(/</g, '\\u003c');
  return new Html(`<script type="application/ld+json">${json}</script>`);
}

/** The Content-Security-Policy of the service's own pages: nothing inline, nothing from elsewhere. */
export const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
