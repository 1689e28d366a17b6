// The HTTP surface: /graphql (Apollo Server on Fastify), /health/live and /health/ready, with a request id on every log line.
import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { LogController, type FastifyInstance, type RawServerDefault } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import { ErrorCode, errorStatus } from '../../schema/errors.js';
import { enumValuesNamed } from '../graphql/enum-errors.js';
import { formatError } from '../graphql/errors.js';
import { createContext, type Context } from '../graphql/context.js';
import { accessOf } from '../graphql/access.js';
import { keyUsage, USAGE_FLUSH_MS } from '../graphql/key-usage.js';
import { introspectionByRole } from '../graphql/introspection.js';
import { plainAnswers } from '../graphql/plain-answers.js';
import { queryLimits } from '../graphql/limits.js';
import { GenerationalCache, responseCaching, type ResponseStore } from '../graphql/response-cache.js';
import type { OidcVerifier } from '../graphql/oidc.js';
import type { Readiness } from '../health.js';
import type { Logger } from '../logger.js';
import type { Database } from '../database/database.js';
import { adminConsole } from './admin-console.js';
import { adminApi } from './admin/index.js';
import { AnswerBytes, publicAnswerCache } from './answer-cache.js';
import { fastPath, type FastPathOptions, type Spent } from './fast-path.js';
import { analystConsole } from './console.js';
import { keyOriginsCors } from './cors.js';
import { listExport } from './list-export.js';
import { networkExport } from './network-export.js';
import { orukFeed } from './oruk.js';
import { demoPage } from './demo.js';
import { embedPages } from './embed.js';
import { directoryPages } from './pages/directory.js';
import { documentPages } from './pages/document.js';
import { networkPage } from './pages/network.js';
import { programmePages } from './pages/programme.js';
import { restErrorHandler, sendError } from './errors.js';
import { rateLimits } from './rate-limit.js';
import { widgetScripts } from './widgets.js';
import { graphqlMetrics } from '../metrics/graphql.js';
import { httpMetrics, metricsRoute } from '../metrics/http.js';
import { graphqlTracing } from '../tracing/graphql.js';
import { httpTracing } from '../tracing/http.js';

export interface AppDependencies {
  schema: GraphQLSchema;
  db: Database;
  readiness: Readiness;
  log: Logger;
  version: string;
  production: boolean;
  /** Development mode (NODE_ENV=development): the only mode that shows Apollo's landing page. */
  development?: boolean;
  /** The address partners reach the service by (PUBLIC_URL); unset, the address it listens on. */
  publicUrl?: string;
  /** Unlocks the admin mutations when sent as a bearer token; see server/graphql/access.ts. */
  adminToken?: string;
  /** The random admin token left in DATA_DIR for this machine's command lines (server/local-admin-token.ts). */
  localAdminToken?: string;
  rateLimitPerMinute?: number;
  /**
   * Which proxies' X-Forwarded-For to believe (TRUST_PROXY): a hop count or addresses and CIDR ranges, never all, so
   * that behind a load balancer each client is limited, not the balancer. Unset, the connection's own address.
   */
  trustProxy?: number | string[];
  /** Whether the public may introspect the schema; analysts and admins always may. */
  introspection?: boolean;
  /** Verifies single sign-on tokens, when configured. */
  oidc?: OidcVerifier;
  /** Where public answers are cached: this process's memory unless given (Redis, to share it between instances). */
  responseCache?: ResponseStore;
  /** A Redis shared by every instance (REDIS_URL), where rate-limit budgets are kept so that each is one across them. */
  redisUrl?: string;
  /** Whether /metrics is served here, for analyst and admin keys; false when METRICS_PORT gives it a port of its own. */
  metricsHere?: boolean;
  /** The most one admin upload (an import's files, a backup to restore) may hold, in MB: 100 unless given. */
  adminUploadLimitMb?: number;
}

/** Request ids from a caller's proxy are reused only when they look like ids, so logs cannot be forged. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function createApp(
  deps: AppDependencies,
): Promise<FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger>> {
  /** Absolute links are built on this, never on the Host header a client may set to anything. */
  // Remembered once listening: asking the socket its address is a system call, and every response asks (for HSTS).
  let listenedAt: string | undefined;
  const publicUrl = (): string => {
    if (deps.publicUrl !== undefined) return deps.publicUrl;
    if (listenedAt !== undefined) return listenedAt;
    const address = app.server.address() as AddressInfo | null;
    if (address) listenedAt = listeningUrl(address);
    return listeningUrl(address);
  };
  // Stored public GETs are answered below Fastify (fast-path.ts) once the app below is built; until then, and for
  // everything else, the server hands requests to Fastify. Its own server's settings are kept (keep-alive, timeouts).
  type Handler = (req: IncomingMessage, res: ServerResponse) => void;
  let fastifyHandler: Handler = () => {};
  let first: Handler | undefined;
  const app = Fastify({
    serverFactory: (handler, options) => {
      fastifyHandler = handler;
      const server = createServer((options.http ?? {}) as object, (req, res) => (first ?? handler)(req, res));
      const settings = options as Record<string, number>;
      server.keepAliveTimeout = settings.keepAliveTimeout!;
      server.requestTimeout = settings.requestTimeout!;
      server.setTimeout(settings.connectionTimeout);
      if (settings.maxRequestsPerSocket! > 0) server.maxRequestsPerSocket = settings.maxRequestsPerSocket!;
      return server;
    },
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
    ...(deps.trustProxy === undefined ? {} : { trustProxy: proxyTrust(deps.trustProxy) }),
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Browsers must take every answer as the type it says, never guess a script or page out of a JSON or CSV body.
    reply.header('x-content-type-options', 'nosniff');
    // Behind TLS, browsers are told to use nothing else for a year, so a later plain-http link cannot be intercepted.
    if (publicUrl().startsWith('https:') || request.protocol === 'https')
      reply.header('strict-transport-security', 'max-age=31536000');
  });

  app.setErrorHandler(restErrorHandler);
  // First, so that every later hook runs inside the request's span; adds nothing unless tracing started (server/tracing/).
  await app.register(httpTracing);
  // Every request is counted and timed, refusals included (server/metrics/).
  await app.register(httpMetrics);

  // While the embedded Neo4j is being restarted (or could not be), answer at once with why, rather than let each
  // request wait on a driver that cannot connect. Health, metrics and the static widget scripts need no database.
  app.addHook('onRequest', async (request, reply) => {
    const reason = deps.readiness.unavailable();
    if (reason === undefined || /^\/(health|widgets|metrics)([/?]|$)/.test(request.url)) return;
    const message = `${reason} Try again in a few seconds.`;
    reply.header('retry-after', '5');
    if (request.url === '/graphql' || request.url.startsWith('/graphql?'))
      return reply
        .code(errorStatus(ErrorCode.DB_UNAVAILABLE))
        .send({ errors: [{ message, extensions: { code: ErrorCode.DB_UNAVAILABLE } }] });
    return sendError(reply, ErrorCode.DB_UNAVAILABLE, message);
  });

  // Every route registered after this is counted, per live key or else per client address (server/http/rate-limit.ts).
  await app.register(rateLimits, {
    db: deps.db,
    perMinute: deps.rateLimitPerMinute ?? 600,
    redisUrl: deps.redisUrl,
    log: deps.log,
  });
  // Keys' daily request counts reach the database every minute and when the service stops.
  const usageFlush = setInterval(
    () => keyUsage.flush(deps.db).catch((error: unknown) => deps.log.warn({ err: error }, 'could not write key usage')),
    USAGE_FLUSH_MS,
  );
  usageFlush.unref();
  app.addHook('onClose', async () => {
    clearInterval(usageFlush);
    await keyUsage.flush(deps.db).catch((error: unknown) => deps.log.warn({ err: error }, 'could not write key usage'));
  });

  await app.register(keyOriginsCors, { db: deps.db });

  app.get('/health/live', async (_request, reply) => {
    // Not live only when the embedded Neo4j could not be brought back: an orchestrator should restart the service.
    const { live, reason } = deps.readiness.liveness();
    if (live) return { status: 'live' };
    reply.code(errorStatus(ErrorCode.DB_UNAVAILABLE));
    return { status: 'not live', reason };
  });
  await app.register(networkExport, { db: deps.db });
  await app.register(listExport, { schema: deps.schema, db: deps.db, version: deps.version });
  await app.register(orukFeed, { db: deps.db, prefix: '/oruk', publicUrl });
  await app.register(widgetScripts);
  await app.register(demoPage, { version: deps.version, publicUrl });
  await app.register(directoryPages, { schema: deps.schema, db: deps.db, version: deps.version });
  // Every widget's fallback: a programme's plans and a network as plain pages, and each widget alone for a frame.
  await app.register(programmePages, { schema: deps.schema, db: deps.db, version: deps.version });
  await app.register(networkPage, { schema: deps.schema, db: deps.db, version: deps.version });
  await app.register(documentPages, { schema: deps.schema, db: deps.db, version: deps.version });
  await app.register(embedPages);
  // The admins' console: its page and scripts hold no data; every change it makes goes through /graphql and /admin/api.
  await app.register(adminConsole);
  // One cache for GraphQL and the admin routes, so an import or a restore empties what GraphQL serves.
  const responseCache = deps.responseCache ?? new GenerationalCache();
  await app.register(adminApi, {
    db: deps.db,
    cache: responseCache,
    adminToken: deps.adminToken,
    localToken: deps.localAdminToken,
    oidc: deps.oidc,
    uploadLimitMb: deps.adminUploadLimitMb ?? 100,
  });
  // The analysts' console, in production too: its page signs in with an analyst or admin key, and the public, which
  // may not introspect the schema, gets only the sign-in screen.
  await app.register(analystConsole);

  if (deps.metricsHere ?? true)
    await app.register(metricsRoute, {
      roleOf: async (request) =>
        (await accessOf(deps.db, request.headers, deps.adminToken, deps.oidc, request.log, deps.localAdminToken)).role,
      refuse: sendError,
    });

  app.get('/health/ready', async (_request, reply) => {
    const report = await deps.readiness.check();
    // Not ready means Neo4j cannot serve yet (down, or its migrations not applied): the report says which.
    reply.code(report.ready ? 200 : errorStatus(ErrorCode.DB_UNAVAILABLE));
    return { status: report.ready ? 'ready' : 'not ready', ...report };
  });

  const limits = queryLimits(deps.production);
  const apollo = new ApolloServer<Context>({
    // The schema, executed by graphql-js except for plain answers, which are copied (server/graphql/plain-answers.ts).
    gateway: plainAnswers(deps.schema),
    formatError,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // Widgets read by GET with a hash in place of the query (automatic persisted queries, on by default, held in
    // Apollo's bounded in-memory cache), so that browsers and proxies can cache public answers. A GET must carry a
    // header a cross-site form or image cannot send (the widgets send apollo-require-preflight); mutations never go by GET.
    csrfPrevention: true,
    // On for every request here; introspectionByRole refuses it per request, by role (analysts and admins always).
    introspection: true,
    // enumValuesNamed notes where an unknown enum value was given, for formatError to name the argument.
    validationRules: [...limits.validationRules, enumValuesNamed],
    plugins: [
      ...graphqlTracing<Context>(),
      introspectionByRole(deps.introspection ?? !deps.production),
      ...(limits.plugins as ApolloServerPlugin<Context>[]),
      fastifyApolloDrainPlugin(app),
      // Apollo shows its Sandbox page (scripts from Apollo's CDN) to any browser outside NODE_ENV=production; only a
      // developer's own machine should.
      ...(deps.development ? [] : [ApolloServerPluginLandingPageDisabled()]),
      roundTripReport(deps.production),
      graphqlMetrics<Context>(),
      ...responseCaching(responseCache, deps.schema),
    ],
  });
  await apollo.start();
  // A browser's cache keys an answer by its address alone unless told otherwise: a keyed request and an anonymous one
  // for the same GET must not be answered from each other's copies (CORS already adds Origin).
  // The header before is one of a handful of values (CORS's "Origin", mostly), so each one's result is kept: working it
  // out per response was 2.5% of the service's CPU on cached GETs.
  const varies = new Map<string, string>();
  app.addHook('onSend', async (request, reply) => {
    if (request.routeOptions.url !== '/graphql') return;
    const current = reply.getHeader('vary');
    const known = typeof current === 'string' || current === undefined ? varies.get(current ?? '') : undefined;
    if (known !== undefined) return void reply.header('vary', known);
    const vary = varyAlso(current, ['Origin', 'Authorization', 'X-Api-Key']);
    if ((typeof current === 'string' || current === undefined) && varies.size < 64) varies.set(current ?? '', vary);
    reply.header('vary', vary);
  });
  // Public answers served as stored bytes when the response cache's generation has not moved since (answer-cache.ts).
  const answerCacheOptions = {
    responseCache,
    adminToken: deps.adminToken,
    localAdminToken: deps.localAdminToken,
    oidc: deps.oidc !== undefined,
    production: deps.production,
    answers: new AnswerBytes(),
  };
  await app.register(publicAnswerCache, answerCacheOptions);
  // The same budget as the rate limit's hook: the plugin's own limiter over its store, with the app's key generator.
  const limiter = app.createRateLimit();
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  const fastPathOptions: FastPathOptions = {
    ...answerCacheOptions,
    readiness: deps.readiness,
    log: deps.log,
    trustProxy: deps.trustProxy,
    spend: (request) => limiter(request as never) as Promise<Spent>,
    spendNow: (request) => app.spendNow(request),
    httpsPublicUrl: () => publicUrl().startsWith('https:'),
    vary: varyAlso('Origin', ['Origin', 'Authorization', 'X-Api-Key']),
    closing: () => closing,
  };
  await app.register(fastifyApollo(apollo), {
    context: async (request, reply) => {
      const { role, principal } = await accessOf(
        deps.db,
        request.headers,
        deps.adminToken,
        deps.oidc,
        request.log,
        deps.localAdminToken,
      );
      return createContext(deps.db, request.log, request.id, deps.version, role, principal, clientGone(reply.raw));
    },
  });

  first = fastPath(fastPathOptions, fastifyHandler);
  return app;
}

/** Aborts when the response's connection closes before the answer is written out: its client has gone. */
function clientGone(response: ServerResponse): AbortSignal {
  const gone = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) gone.abort();
  });
  return gone.signal;
}

/** The address the service listens on, as a base for links when PUBLIC_URL is unset (then HOST is loopback). */
function listeningUrl(address: AddressInfo | null): string {
  if (!address) return 'http://127.0.0.1';
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** TRUST_PROXY as Fastify's option: a hop count as proxy-addr counts hops (the first `hops` from the socket are proxies). */
function proxyTrust(trust: number | string[]): string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/** The Vary header with `names` added to what it already lists. */
function varyAlso(current: number | string | string[] | undefined, names: readonly string[]): string {
  const listed = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (listed.includes('*')) return '*';
  const lower = new Set(listed.map((name) => name.toLowerCase()));
  return [...listed, ...names.filter((name) => !lower.has(name.toLowerCase()))].join(', ');
}

/**
 * Logs each request's unexpected errors and database round trips and, outside production, reports the round
 * trips in an `x-db-round-trips` header, so tests and analysts can see that cost does not grow with result size.
 */
function roundTripReport(production: boolean): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        // Unexpected failures reach clients only as INTERNAL_SERVER_ERROR, so the log must keep the real cause.
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR)
              contextValue.log.error(
                { err: error.originalError ?? error, path: error.path },
                'graphql resolver failed',
              );
          }
        },
        async willSendResponse({ contextValue, response }) {
          contextValue.log.debug({ roundTrips: contextValue.roundTrips.count }, 'graphql round trips');
          if (!production) response.http.headers.set('x-db-round-trips', String(contextValue.roundTrips.count));
        },
      };
    },
  };
}
