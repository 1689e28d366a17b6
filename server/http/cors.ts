// CORS: public reads from any origin without a key; a request that carries a key only from the origins of live widget keys.
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { allowedOrigins } from '../database/api-keys.js';
import type { Database } from '../database/database.js';

/** Origins are read from the keys at most every 30 seconds: a new widget key works within that, a revoked one stops. */
const TTL_MS = 30_000;

/** The headers that carry a key or token: a browser may send them only from an origin a widget key names. */
const KEY_HEADERS = ['x-api-key', 'authorization'];

const COMMON: FastifyCorsOptions = {
  methods: ['GET', 'POST'],
  allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'apollo-require-preflight'],
  maxAge: 600,
};

/** Whether the request carries a key, or (a preflight) asks whether it may send one. */
export function carriesKey(request: Pick<FastifyRequest, 'headers'>): boolean {
  if (KEY_HEADERS.some((name) => request.headers[name] !== undefined)) return true;
  const asked = request.headers['access-control-request-headers'];
  return (
    typeof asked === 'string' &&
    asked
      .toLowerCase()
      .split(',')
      .some((name) => KEY_HEADERS.includes(name.trim()))
  );
}

const publicAndWidgetCors: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  let cached: { origins: Set<string>; until: number } | undefined;
  const origins = async () => {
    if (!cached || cached.until < Date.now())
      cached = { origins: await allowedOrigins(db), until: Date.now() + TTL_MS };
    return cached.origins;
  };
  await app.register(cors, {
    // Decided per request. Without a key a request is anonymous and public, so any page may read the answer (`*`,
    // never with credentials), as the Open Referral UK feed is read. A key is sent, or asked about in a preflight,
    // only from the page origins some widget key names; the key itself is then checked against its own origins
    // when the request arrives (server/graphql/access.ts), so a key copied to another site is still refused.
    delegator: async (request: FastifyRequest): Promise<FastifyCorsOptions> => {
      if (!carriesKey(request)) return { ...COMMON, origin: '*' };
      const origin = request.headers.origin;
      return { ...COMMON, origin: typeof origin === 'string' && (await origins()).has(origin) ? origin : false };
    },
  });
};

export const keyOriginsCors = fp(publicAndWidgetCors, { name: 'public-and-widget-cors' });
