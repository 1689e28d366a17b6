// CORS for the API: browsers may call it from the page origins of live widget keys (Open Referral UK stays open to all).
import cors from '@fastify/cors';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { allowedOrigins } from '../database/api-keys.js';
import type { Database } from '../database/database.js';

/** Origins are read from the keys at most every 30 seconds: a new widget key works within that, a revoked one stops. */
const TTL_MS = 30_000;

const widgetCors: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  let cached: { origins: Set<string>; until: number } | undefined;
  const origins = async () => {
    if (!cached || cached.until < Date.now())
      cached = { origins: await allowedOrigins(db), until: Date.now() + TTL_MS };
    return cached.origins;
  };
  await app.register(cors, {
    // A preflight carries no key, so it is answered for any origin some widget key allows; the key itself is
    // checked against its own origins when the request arrives (server/graphql/access.ts).
    origin: (origin, callback) => {
      if (!origin) return callback(null, false);
      origins().then(
        (allowed) => callback(null, allowed.has(origin)),
        (error: Error) => callback(error, false),
      );
    },
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'apollo-require-preflight'],
    maxAge: 600,
  });
};

export const keyOriginsCors = fp(widgetCors, { name: 'key-origins-cors' });
