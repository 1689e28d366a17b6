// CORS: public reads from any origin without a key; a request that carries a key only from the origins of live widget keys.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { allowedOrigins } from '../database/api-keys.js';
import type { Database } from '../database/database.js';

/** Origins are read from the keys at most every 30 seconds: a new widget key works within that, a revoked one stops. */
const TTL_MS = 30_000;

/** The headers that carry a key or token: a browser may send them only from an origin a widget key names. */
const KEY_HEADERS = ['x-api-key', 'authorization'];

const METHODS = 'GET, POST';
const ALLOWED_HEADERS = 'content-type, authorization, x-api-key, apollo-require-preflight';
const MAX_AGE = '600';

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

/**
 * The CORS headers, set here rather than by @fastify/cors: its per-request delegator rebuilt and normalised an options
 * object on every request (4% of the service's CPU on cached GETs), where the answer is one of three fixed outcomes.
 * Same protocol as before: `Vary: Origin` on every response, since the answer depends on it; a preflight from an
 * allowed origin answered 204 at once (before the rate limit and authentication, which a browser's preflight cannot
 * satisfy), one without Origin or Access-Control-Request-Method refused with 400, any other left to 404.
 */
const publicAndWidgetCors: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  let cached: { origins: Set<string>; until: number } | undefined;
  const origins = async () => {
    if (!cached || cached.until < Date.now())
      cached = { origins: await allowedOrigins(db), until: Date.now() + TTL_MS };
    return cached.origins;
  };
  const preflights = new WeakSet<FastifyRequest>();
  app.addHook('onRequest', async (request, reply) => {
    // Decided per request. Without a key a request is anonymous and public, so any page may read the answer (`*`,
    // never with credentials), as the Open Referral UK feed is read. A key is sent, or asked about in a preflight,
    // only from the page origins some widget key names; the key itself is then checked against its own origins
    // when the request arrives (server/graphql/access.ts), so a key copied to another site is still refused.
    varyOn(reply);
    let allowOrigin = '*';
    if (carriesKey(request)) {
      const origin = request.headers.origin;
      if (typeof origin !== 'string' || !(await origins()).has(origin)) return;
      allowOrigin = origin;
    }
    reply.header('access-control-allow-origin', allowOrigin);
    if (request.raw.method !== 'OPTIONS') return;
    if (!request.headers.origin || !request.headers['access-control-request-method'])
      return reply.code(400).type('text/plain').send('Invalid Preflight Request');
    preflights.add(request);
    return reply
      .header('access-control-allow-methods', METHODS)
      .header('access-control-allow-headers', ALLOWED_HEADERS)
      .header('access-control-max-age', MAX_AGE)
      .code(204)
      .header('content-length', '0')
      .send();
  });
  // Lets Fastify accept preflights, which the hook answers; a preflight CORS refused finds nothing here.
  app.options('*', (request, reply) => {
    if (!preflights.has(request)) return reply.callNotFound();
    return reply.send();
  });
};

/** Adds Origin to the Vary header, keeping whatever it lists already. */
function varyOn(reply: FastifyReply): void {
  const current = reply.getHeader('vary');
  if (current === undefined) {
    reply.header('vary', 'Origin');
    return;
  }
  const listed = (Array.isArray(current) ? current.join(',') : String(current)).split(',').map((n) => n.trim());
  if (listed.includes('*') || listed.some((n) => n.toLowerCase() === 'origin')) return;
  reply.header('vary', [...listed.filter(Boolean), 'Origin'].join(', '));
}

export const keyOriginsCors = fp(publicAndWidgetCors, { name: 'public-and-widget-cors' });
