// Network downloads for analysts who continue in Gephi or Kumu: GEXF, and CSV edge lists.
import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsync } from 'fastify';
import { write as writeGexf } from 'graphology-gexf';
import { validate as isUuid } from 'uuid';
import { ErrorCode, errorMessage } from '../../schema/errors.js';
import { MAX_DEPTH, networkAround, toGraphology, type Network } from '../database/network.js';
import type { Database } from '../database/database.js';
import { sendError } from './errors.js';

function toCsv(network: Network): string {
  const names = new Map(network.nodes.map((n) => [n.id, n]));
  return stringify(
    network.edges.map((e) => ({
      source: e.source,
      source_name: names.get(e.source)?.name,
      source_type: names.get(e.source)?.type,
      target: e.target,
      target_name: names.get(e.target)?.name,
      target_type: names.get(e.target)?.type,
      relationship: e.type,
      role: e.role ?? '',
    })),
    { header: true },
  );
}

/** GET /networks/<id>.csv and /networks/<id>.gexf, with ?depth=1..4 (2 if not given). */
export const networkExport: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  app.get<{ Params: { id: string; format: string }; Querystring: { depth?: string } }>(
    '/networks/:id.:format',
    async (request, reply) => {
      const { id, format } = request.params;
      const depth = Number(request.query.depth ?? 2);
      const problem = !['csv', 'gexf'].includes(format)
        ? 'the format must be csv or gexf, as in /networks/<id>.gexf'
        : !isUuid(id)
          ? `"${id}" is not an id: use the id of an organisation or programme`
          : !Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH
            ? `depth must be a whole number from 1 to ${MAX_DEPTH}`
            : undefined;
      if (problem) return sendError(reply, ErrorCode.BAD_USER_INPUT, problem);
      const network = await networkAround(db, id, depth);
      if (!network)
        return sendError(
          reply,
          ErrorCode.NOT_FOUND,
          errorMessage(ErrorCode.NOT_FOUND, 'organisation or programme', id),
        );
      const filename = `partnership-network-${id}.${format}`;
      reply.header('content-disposition', `attachment; filename="${filename}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(network));
      return reply.type('application/gexf+xml; charset=utf-8').send(writeGexf(toGraphology(network)));
    },
  );
};
