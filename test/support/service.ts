// For integration suites: the whole service (HTTP, GraphQL, readiness) started against a given Neo4j on a free port.
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { startService, type RunningService } from '../../server/service.js';
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

/** The bootstrap admin token test services start with when a suite needs more than the public role. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
