// For integration suites: the whole service (HTTP, GraphQL, readiness) started against a given Neo4j on a free port.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../server/config.js';
import type { Database } from '../../server/database/database.js';
import { createLogger } from '../../server/logger.js';
import { seedIfEmpty } from '../../server/seed-if-empty.js';
import { startService, type RunningService } from '../../server/service.js';
import { testTarget, useTestDatabase } from './database.js';
import type { TestNeo4j } from './global-neo4j.js';

export async function startTestService(neo4j: TestNeo4j, env: Record<string, string> = {}): Promise<RunningService> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    NEO4J_URI: neo4j.uri,
    NEO4J_USERNAME: neo4j.username,
    NEO4J_PASSWORD: neo4j.password,
    NEO4J_DATABASE: neo4j.database,
    SEED_ON_EMPTY: 'false',
    SHUTDOWN_GRACE_MS: '2000',
    ...env,
  });
  return startService(config, createLogger(config.logLevel));
}

/** What a suite over the seeded service reads: getters, since both exist only once the suite's hooks have run. */
export interface SeededService {
  db: () => Database;
  /** The service, or the first of `instances`. */
  service: () => RunningService;
  /** Every service started, one per entry of `instances`, in their order. */
  services: () => RunningService[];
}

/**
 * Registers the hooks of a suite that asks one service over the seed data: before the suite, the run's Neo4j wiped
 * and seeded, then `prepare` (records or keys the service must find from its first request, or what its settings
 * name, such as a Redis), then the service started with `env` (a function is read after `prepare`); after it, the
 * service stopped and the driver closed. One service per suite, not per test; a suite about several instances of the
 * service over the same graph gives `instances`, each entry's settings added to `env`, and they start together.
 */
export function useSeededService(
  options: {
    env?: Record<string, string> | (() => Record<string, string>);
    prepare?: (db: Database) => Promise<void>;
    instances?: readonly Record<string, string>[];
  } = {},
): SeededService {
  const db = useTestDatabase();
  let services: RunningService[] = [];
  beforeAll(async () => {
    await seedIfEmpty(db(), createLogger('silent'));
    await options.prepare?.(db());
    const env = typeof options.env === 'function' ? options.env() : options.env;
    // Each kept as soon as it has started, so that one failing to start still leaves the others stopped after.
    await Promise.all(
      (options.instances ?? [{}]).map(async (own, i) => {
        services[i] = await startTestService(testTarget(), { ...env, ...own });
      }),
    );
  });
  afterAll(async () => {
    await Promise.all(services.map((service) => service?.stop()));
    services = [];
  });
  const started = () => {
    if (services.length === 0)
      throw new Error('useSeededService(): the service is only available inside tests and hooks');
    return services;
  };
  return { db, service: () => started()[0]!, services: started };
}

/** POSTs a GraphQL request and returns the parsed body with the HTTP status. */
export async function graphql(
  service: RunningService,
  query: string,
  variables: Record<string, unknown> = {},
  key?: string,
): Promise<{ status: number; body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } }> {
  const response = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

/** The hash-only GET path a widget sends for `query` once the service has it registered (automatic persisted queries). */
export const byHash = (query: string): string =>
  `/graphql?extensions=${encodeURIComponent(
    JSON.stringify({ persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } }),
  )}`;

/** The GET path that registers `query` under its hash: the hash with the query itself, as a widget's first ask. */
export const registering = (query: string): string => `${byHash(query)}&query=${encodeURIComponent(query)}`;

/** The bootstrap admin token test services start with when a suite needs more than the public role. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
