// The HTTP surface: /graphql (Apollo Server on Fastify), /health/live and /health/ready, with a request id on every log line.
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, { LogController, type FastifyInstance, type RawServerDefault } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import { formatError } from '../errors.js';
import type { Context } from '../graphql/context.js';
import type { Readiness } from '../health.js';
import type { Logger } from '../logger.js';
import type { Database } from '../neo4j/database.js';

export interface AppDependencies {
  schema: GraphQLSchema;
  db: Database;
  readiness: Readiness;
  log: Logger;
  version: string;
  production: boolean;
}

/** Request ids from a caller's proxy are reused only when they look like ids, so logs cannot be forged. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function createApp(deps: AppDependencies): Promise<FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger>> {
  const app = Fastify({
    loggerInstance: deps.log,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: 1024 * 1024,
    // On shutdown, idle keep-alive connections close at once and busy ones when their response is sent.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.get('/health/live', async () => ({ status: 'live' }));

  app.get('/health/ready', async (_request, reply) => {
    const report = await deps.readiness.check();
    reply.code(report.ready ? 200 : 503);
    return { status: report.ready ? 'ready' : 'not ready', ...report };
  });

  const apollo = new ApolloServer<Context>({
    schema: deps.schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    plugins: [fastifyApolloDrainPlugin(app)],
  });
  await apollo.start();
  await app.register(fastifyApollo(apollo), {
    context: async (request) => ({
      db: deps.db,
      log: request.log,
      requestId: request.id,
      version: deps.version,
    }),
  });

  return app;
}
