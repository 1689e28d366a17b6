// /documents/<key>: a source document's words with every quoted passage marked (<mark id="q-<start>">), each linked
// to the records and links read from it, so a reader can go from any record to the words it comes from and back.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  DOCUMENT_PAGE,
  type DocumentPage,
  type DocumentPassage,
  type QuotedRecord,
} from '../../../contract/queries/document.js';
import { type DocumentStrings, documentStrings } from '../../../contract/strings-document.js';
import type { Strings } from '../../../contract/strings.js';
import { html, type Html } from './html.js';
import { inLanguage, type PageDependencies, pageStrings, runQuery, sendPage } from './page.js';

type DocumentRequest = FastifyRequest<{ Params: { document: string }; Querystring: { lang?: string } }>;

/** A record by name and kind (in the page's language); a programme links to its own page, as every programme has one. */
function recordName(t: Strings, record: QuotedRecord): Html {
  const name = record.name ?? record.key;
  const label = html`${name} <span class="meta">(${documentStrings(t.locale).kindName(record.__typename)})</span>`;
  return record.__typename === 'Programme'
    ? html`<a href="${inLanguage(t, `/programmes/${encodeURIComponent(record.key)}`)}">${label}</a>`
    : label;
}

/**
 * The text line by line, each quoted passage marked where it is. Passages never overlap (the ledgers' test checks
 * their places); one that did would keep its anchor without a second mark, so its links still arrive.
 */
function markedText(text: string, passages: readonly DocumentPassage[], d: DocumentStrings): Html {
  const numbers = new Map(passages.map((p, i) => [p.start, i + 1]));
  const lines: Html[] = [];
  let offset = 0;
  let next = 0;
  for (const line of text.split('\n')) {
    const lineEnd = offset + line.length;
    const parts: (string | Html)[] = [];
    let at = offset;
    while (next < passages.length && passages[next]!.start < lineEnd) {
      const p = passages[next]!;
      const n = numbers.get(p.start)!;
      if (p.start < at) {
        parts.push(html`<span id="q-${p.start}"></span>`);
      } else {
        parts.push(text.slice(at, p.start));
        const end = Math.min(p.end, lineEnd);
        parts.push(
          html`<mark id="q-${p.start}">${text.slice(p.start, end)}</mark><a class="passage" href="#h-${p.start}" aria-label="${d.passageLink(n)}"><sup>${n}</sup></a>`,
        );
        at = end;
      }
      next++;
    }
    parts.push(text.slice(at, lineEnd));
    if (line.trim() !== '') lines.push(html`<p>${parts}</p>`);
    offset = lineEnd + 1;
  }
  return html`${lines}`;
}

function whatItHolds(t: Strings, d: DocumentStrings, passage: DocumentPassage, n: number): Html {
  return html`<li id="h-${passage.start}">
    <blockquote><p>${passage.quote}</p></blockquote>
    <p><a href="#q-${passage.start}">${d.backToText} (${n})</a></p>
    ${
      passage.records.length > 0
        ? html`<p>${d.records}:</p><ul>${passage.records.map((r) => html`<li>${recordName(t, r)}</li>`)}</ul>`
        : ''
    }
    ${
      passage.links.length > 0
        ? html`<p>${d.links}:</p><ul>${passage.links.map(
            (l) =>
              html`<li>${recordName(t, l.from)} ${d.relationName(l.type, l.to.name ?? l.to.key)} ${recordName(t, l.to)}${
                l.inferred ? html` <em class="inferred">(${d.inferred(l.inference ?? '')})</em>` : ''
              }</li>`,
          )}</ul>`
        : ''
    }
  </li>`;
}

function documentPage(t: Strings, doc: DocumentPage['sourceDocument']): Html {
  const d = documentStrings(t.locale);
  const passages = [...doc.passages].sort((a, b) => a.start - b.start);
  return html`<main>
  <h1>${doc.title}</h1>
  ${doc.kind ? html`<p class="meta">${doc.kind}</p>` : ''}
  ${doc.demo ? html`<p><strong>${t.demoTag}</strong></p>` : ''}
  ${doc.attribution ? html`<p>${doc.attribution}</p>` : ''}
  ${
    doc.text
      ? html`<section aria-labelledby="text-heading" class="document-text">
    <h2 id="text-heading">${d.textHeading}</h2>
    <p class="meta">${d.intro}</p>
    ${markedText(doc.text, passages, d)}
  </section>`
      : ''
  }
  <section aria-labelledby="passages-heading">
    <h2 id="passages-heading">${d.passagesHeading}</h2>
    ${
      passages.length === 0
        ? html`<p>${d.noPassages}</p>`
        : html`<p class="meta">${d.passagesIntro}</p><ol>${passages.map((p, i) => whatItHolds(t, d, p, i + 1))}</ol>`
    }
  </section>
</main>`;
}

export const documentPages: FastifyPluginAsync<PageDependencies> = async (app, deps) => {
  app.get('/documents/:document', async (request: DocumentRequest, reply) => {
    const t = pageStrings(request);
    const { data, error } = await runQuery<DocumentPage>(deps, request, DOCUMENT_PAGE, {
      key: request.params.document,
    });
    if (!data?.sourceDocument) {
      // A document the graph lacks is the link's mistake (404); anything else is the service's (503).
      const missing = !error || error.code === 'NOT_FOUND' || error.code === 'BAD_USER_INPUT';
      reply.code(missing ? 404 : 503);
      const heading = missing ? t.notFoundHeading : t.errorGeneric;
      return sendPage(
        reply,
        t,
        heading,
        html`<main><h1>${heading}</h1>${missing ? html`<p>${t.errorNotFound}</p>` : ''}<p><a href="${inLanguage(t, '/directory')}">${t.directoryHeading}</a></p></main>`,
      );
    }
    return sendPage(reply, t, data.sourceDocument.title, documentPage(t, data.sourceDocument));
  });
};
