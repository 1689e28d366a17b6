// Network downloads for analysts who continue in Gephi, networkx, igraph or Kumu: GEXF, GraphML and CSV edge lists, all safe to open: no
// retired records, no characters that break XML, and no cell a spreadsheet would run as a formula.
import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsync } from 'fastify';
import { write as writeGexf } from 'graphology-gexf';
import { validate as isUuid } from 'uuid';
import { ErrorCode, errorMessage } from '../../schema/errors.js';
import { MAX_DEPTH, NetworkTooLargeError, networkAround, toGraphology, type Network } from '../database/network.js';
import type { Database } from '../database/database.js';
import { sendError } from './errors.js';
import { writeGraphml } from './graphml.js';

/** Each download's format, with its media type. */
const FORMATS: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  gexf: 'application/gexf+xml; charset=utf-8',
  graphml: 'application/graphml+xml; charset=utf-8',
};

/**
 * Characters XML 1.0 forbids (C0 controls but tab, line feed and carriage return; U+FFFE and U+FFFF; surrogates
 * without their pair), and DEL: a name holding one would make the GEXF unreadable, and they mean nothing in a CSV.
 */
const NOT_TEXT = new RegExp(
  [
    '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F\\uFFFE\\uFFFF]',
    '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])',
    '(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
  ].join('|'),
  'g',
);

export function plainText(value: string): string {
  return value.replace(NOT_TEXT, '');
}

/**
 * A CSV cell a spreadsheet shows as text. Excel, LibreOffice and Google Sheets run a cell starting with =, +, -, @,
 * tab or carriage return as a formula (an organisation named =HYPERLINK(…) would be a live link), so such a cell
 * starts with a quote, as OWASP advises; the quote shows, and the formula does not run.
 */
export function spreadsheetCell(value: string): string {
  const text = plainText(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The network with every name and word a file will carry reduced to plain text. */
function plainNetwork(network: Network): Network {
  return {
    nodes: network.nodes.map((n) => ({
      ...n,
      name: plainText(n.name),
      key: plainText(n.key),
      ...(n.organisationKind ? { organisationKind: plainText(n.organisationKind) } : {}),
    })),
    edges: network.edges.map((e) => (e.role ? { ...e, role: plainText(e.role) } : e)),
  };
}

function toCsv(network: Network): string {
  const names = new Map(network.nodes.map((n) => [n.id, n]));
  return stringify(
    network.edges.map((e) =>
      Object.fromEntries(
        Object.entries({
          source: e.source,
          source_name: names.get(e.source)?.name ?? '',
          source_type: names.get(e.source)?.type ?? '',
          target: e.target,
          target_name: names.get(e.target)?.name ?? '',
          target_type: names.get(e.target)?.type ?? '',
          relationship: e.type,
          role: e.role ?? '',
        }).map(([column, value]) => [column, spreadsheetCell(value)]),
      ),
    ),
    { header: true },
  );
}

/** GET /networks/<id>.csv, /networks/<id>.gexf and /networks/<id>.graphml, with ?depth=1..4 (2 if not given). */
export const networkExport: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  app.get<{ Params: { id: string; format: string }; Querystring: { depth?: string } }>(
    '/networks/:id.:format',
    async (request, reply) => {
      const { id, format } = request.params;
      const depth = Number(request.query.depth ?? 2);
      const problem = !Object.hasOwn(FORMATS, format)
        ? 'the format must be csv, gexf or graphml, as in /networks/<id>.graphml'
        : !isUuid(id)
          ? `"${id}" is not an id: use the id of an organisation or programme`
          : !Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH
            ? `depth must be a whole number from 1 to ${MAX_DEPTH}`
            : undefined;
      if (problem) return sendError(reply, ErrorCode.BAD_USER_INPUT, problem);
      // Retired records have left the graph's lists and searches; a download leaves them out too.
      let found: Network | null;
      try {
        found = await networkAround(db, id, depth, undefined, { liveOnly: true });
      } catch (error) {
        if (!(error instanceof NetworkTooLargeError)) throw error;
        return sendError(reply, ErrorCode.BAD_USER_INPUT, `${error.message} Ask for a smaller depth than ${depth}.`);
      }
      const network = found && plainNetwork(found);
      if (!network)
        return sendError(
          reply,
          ErrorCode.NOT_FOUND,
          errorMessage(ErrorCode.NOT_FOUND, 'organisation or programme', id),
        );
      const filename = `partnership-network-${id}.${format}`;
      reply.header('content-disposition', `attachment; filename="${filename}"`);
      reply.type(FORMATS[format]!);
      if (format === 'csv') return reply.send(toCsv(network));
      if (format === 'graphml') return reply.send(writeGraphml(network));
      return reply.send(writeGexf(toGraphology(network)));
    },
  );
};
