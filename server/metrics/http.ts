// Counts and times every HTTP request by its route pattern, and serves the registry as /metrics in Prometheus's format.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ErrorCode, isErrorCode } from '../../schema/errors.js';
import { outranksOrEquals, type Role } from '../../schema/roles.js';
import { httpDuration, httpRequests, registry } from './registry.js';

/**
 * Counted under the pattern a route was declared with (`/oruk/services/:id`), never the address asked for, so a
 * scanner trying a million addresses adds one series (`unmatched`), not a million.
 */
const requestMetrics: FastifyPluginAsync = async (app) => {
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      route: request.routeOptions.url ?? 'unmatched',
      method: request.method,
      status: String(reply.statusCode),
    };
    httpRequests.inc(labels);
    httpDuration.observe(labels, reply.elapsedTime / 1000);
  });
};

export const httpMetrics = fp(requestMetrics, { name: 'http-metrics' });

/** Sends the registry's current figures in Prometheus's text format. */
export async function sendMetrics(reply: FastifyReply): Promise<FastifyReply> {
  return reply.type(registry.contentType).send(await registry.metrics());
}

export interface MetricsRouteOptions {
  /**
   * The role the request's credentials give, or a refusal (an unknown or revoked key). On the service's own port
   * /metrics is for analysts and admins: request rates and error codes describe how partners use the service.
   */
  roleOf: (request: FastifyRequest) => Promise<Role>;
  /** Answers a refused request with a catalogue code and a message saying what to send. */
  refuse: (reply: FastifyReply, code: ErrorCode, message: string) => FastifyReply;
}

export const metricsRoute: FastifyPluginAsync<MetricsRouteOptions> = async (app, { roleOf, refuse }) => {
  app.get('/metrics', async (request, reply) => {
    let role: Role;
    try {
      role = await roleOf(request);
    } catch (error) {
      // An unknown or revoked key, or a key used from elsewhere than its origins: refused as GraphQL refuses it.
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      if (isErrorCode(code)) return refuse(reply, code, (error as Error).message);
      throw error;
    }
    if (role === 'public' && request.headers.authorization === undefined && request.headers['x-api-key'] === undefined)
      return refuse(
        reply,
        ErrorCode.UNAUTHENTICATED,
        '/metrics needs an analyst or admin key: send it as "Authorization: Bearer <key>", or set METRICS_PORT to serve metrics on a port of their own.',
      );
    if (!outranksOrEquals(role, 'analyst'))
      return refuse(reply, ErrorCode.FORBIDDEN, '/metrics needs an analyst or admin key; this key is a public one.');
    return sendMetrics(reply);
  });
};
