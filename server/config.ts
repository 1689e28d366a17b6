// The service's configuration: read once from the environment, validated, with one clear message per problem.
import { isIP } from 'node:net';
import path from 'node:path';
import { DEFAULT_NETWORK_WORK, type NetworkWorkOptions } from './analytics/network-work.js';
import type { Neo4jTarget } from './database/database.js';
import {
  DEFAULT_OIDC_ALGORITHMS,
  DEFAULT_OIDC_TOKEN_TYPES,
  OIDC_ALGORITHMS,
  type OidcSettings,
} from './graphql/oidc.js';

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /**
   * The address partners reach the service by (PUBLIC_URL, no trailing slash), for every absolute link it writes;
   * unset, the address it listens on. Never taken from a request's Host header, which the client chooses.
   */
  publicUrl: string | undefined;
  logLevel: string;
  dataDir: string;
  /** An external Neo4j (NEO4J_URI set), or undefined to start the local embedded one. */
  neo4j: Neo4jTarget | undefined;
  /** Database name for the local Neo4j, which has only the default one. */
  neo4jDatabase: string;
  local: {
    port: number;
    heap: string;
    pageCache: string;
    /** Attempts to bring the embedded Neo4j back after its process dies, before /health/live fails. */
    restarts: number;
  };
  /** Load the seed data when the database holds no partnership data yet. */
  seedOnEmpty: boolean;
  /** How long shutdown waits for in-flight requests before closing them. */
  shutdownGraceMs: number;
  /** Bearer token that unlocks the admin mutations until API keys arrive; unset, nobody may write. */
  adminToken: string | undefined;
  /** Requests a client address (or a live key) may make per minute before answers turn to 429. */
  rateLimitPerMinute: number;
  /**
   * The proxies in front of the service whose X-Forwarded-For is believed (TRUST_PROXY): a hop count, or addresses
   * and CIDR ranges. Undefined: none, so the client is the connection's own address.
   */
  trustProxy: number | string[] | undefined;
  /** Longest a database query may run before Neo4j stops it. */
  queryTimeoutMs: number;
  /** Whether GraphQL introspection is on: by default everywhere but production. */
  introspection: boolean;
  /** Single sign-on through an OpenID Connect provider, when OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL are set. */
  oidc: OidcSettings | undefined;
  /** A Redis (redis:// or rediss://) that every instance shares the response cache through; unset, each keeps its own. */
  redisUrl: string | undefined;
  /** A port of its own for /metrics (METRICS_PORT), open to whoever reaches it; unset, /metrics needs an analyst key. */
  metricsPort: number | undefined;
  /** The largest upload the admin routes accept (an import's files together, a backup to restore), in MB. */
  adminUploadLimitMb: number;
  /** An OpenTelemetry collector (OTEL_EXPORTER_OTLP_ENDPOINT, OTLP over HTTP) to send traces to; unset, no tracing. */
  tracesEndpoint: string | undefined;
  /** How the network's heavy measures run off the event loop: threads at once, requests waiting, the longest run. */
  analytics: NetworkWorkOptions;
}

/**
 * The file in DATA_DIR where a service on the embedded default, started without ADMIN_TOKEN, leaves a random admin
 * token for the command lines of the same machine and user (mode 0600), so they work with no configuration at all.
 */
export const localAdminTokenFile = (dataDir: string): string => path.join(dataDir, 'admin-token');

/** Thrown at start-up when the environment is invalid; the message lists every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const NEO4J_SCHEMES = ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'];
const MEMORY_SIZE = /^\d+[kmg]$/i;

/** Addresses only this machine can reach: anything else exposes the service to the network. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** Why `value` is not an address links can be built on, or undefined when it is. */
function publicUrlProblem(value: string): string | undefined {
  const advice = 'give the address partners use, such as https://hub.example.org, without a query or #';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `PUBLIC_URL="${value}" is not an address: ${advice}.`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `PUBLIC_URL="${value}" is not a web address (it must start with https://): ${advice}.`;
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '')
    return `PUBLIC_URL="${value}" has a user name, query or # in it: ${advice}.`;
  return undefined;
}

/** Why `value` may not be where the provider's keys are fetched from, or undefined when it may. */
function jwksUrlProblem(value: string, env: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `OIDC_JWKS_URL="${value}" is not a web address: give the provider's JWKS URL, such as https://login.example.org/.well-known/jwks.json.`;
  }
  if (url.protocol === 'https:') return undefined;
  // Tests stand in for the provider on loopback, where nobody else is on the path to swap its keys.
  if (url.protocol === 'http:' && env === 'test' && isLoopback(url.hostname)) return undefined;
  return `OIDC_JWKS_URL="${value}" is not https: keys fetched over plain http could be swapped by anyone on the path, letting them sign in as anyone. Give the provider's https JWKS URL.`;
}

/** A comma-separated list, each item one of `allowed` (compared without case), or a problem saying which are not. */
function listOf(
  name: string,
  raw: string,
  allowed: readonly string[] | undefined,
  problems: string[],
): string[] | undefined {
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const unknown = allowed ? items.filter((item) => !allowed.includes(item)) : [];
  if (items.length === 0 || unknown.length > 0) {
    problems.push(
      `${name}="${raw}" ${items.length === 0 ? 'names nothing' : `names ${unknown.join(', ')}, which ${unknown.length > 1 ? 'are' : 'is'} not accepted`}: ${allowed ? `use a comma-separated list of ${allowed.join(', ')}` : 'give a comma-separated list'}.`,
    );
    return undefined;
  }
  return items;
}

/** Names Fastify's proxy-addr knows for whole families of private addresses. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY as Fastify takes it: a hop count from 1 to 10, or a comma-separated list of addresses, CIDR ranges and
 * range names. Never "trust every proxy": a client could then name any address it likes in X-Forwarded-For and
 * step around its rate limit, so `true`, `*` and ranges that cover every address are refused.
 */
export function parseTrustProxy(raw: string): { value?: number | string[]; problem?: string } {
  const advice =
    'give the number of proxies in front of the service (such as 1 behind one load balancer), or their addresses or CIDR ranges (such as 10.0.0.0/8,fd00::/8)';
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops >= 1 && hops <= 10) return { value: hops };
    return {
      problem: `TRUST_PROXY="${raw}" is not a hop count from 1 to 10: ${advice}, or leave it unset without a proxy.`,
    };
  }
  const items = raw.split(',').map((item) => item.trim());
  const bad = items.filter((item) => {
    if (PROXY_RANGE_NAMES.includes(item.toLowerCase())) return false;
    const [address = '', prefix, ...rest] = item.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return true;
    if (prefix === undefined) return false;
    const bits = Number(prefix);
    // A /0 is every address: "trust all" by another name.
    return !/^\d+$/.test(prefix) || bits < 1 || bits > (family === 4 ? 32 : 128);
  });
  if (bad.length > 0)
    return {
      problem: `TRUST_PROXY="${raw}" has ${bad.map((item) => `"${item}"`).join(', ')}, which ${bad.length > 1 ? 'are' : 'is'} not an address, a CIDR range (not /0) or one of ${PROXY_RANGE_NAMES.join(', ')}: ${advice}. Trusting every proxy is not offered, since clients could then choose their own address.`,
    };
  return { value: items.map((item) => item.toLowerCase()) };
}

/** Why `value` is not a Redis address node-redis can use, or undefined when it is. */
function redisUrlProblem(value: string): string | undefined {
  // The address may hold a password: show it masked, never as given.
  const shown = value.replace(/^([^:/?#]+:\/\/[^:@/]*):.*@/, '$1:***@');
  const advice =
    'use redis://host:6379, or rediss://user:password@host:6380/0 for TLS with a password and a database number';
  const encoding = ' (a password with / @ : or # in it must be percent-encoded)';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `REDIS_URL="${shown}" is not an address: ${advice}${encoding}.`;
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    return `REDIS_URL="${shown}" is not a Redis address (it must start with redis:// or rediss://): ${advice}.`;
  if (url.hostname === '') return `REDIS_URL="${shown}" names no host: ${advice}${encoding}.`;
  // The path itself is not shown: with an unencoded password in the address, part of it may land there.
  if (!/^\/?(\d+)?$/.test(url.pathname))
    return `REDIS_URL="${shown}" does not end in a database number: ${advice}${encoding}.`;
  if (url.search !== '' || url.hash !== '')
    return `REDIS_URL="${shown}" has options after the address, which are not supported: ${advice}${encoding}.`;
  return undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const text = (name: string, fallback: string): string => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? fallback : value.trim();
  };
  const port = (name: string, fallback: number): number => {
    const raw = text(name, String(fallback));
    const value = Number(raw);
    // 0 asks the operating system for any free port, which tests use to run side by side.
    if (!Number.isInteger(value) || value < 0 || value > 65535) {
      problems.push(`${name}="${raw}" is not a TCP port: use a whole number from 1 to 65535 (default ${fallback}).`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = text(name, String(fallback)).toLowerCase();
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name}="${raw}" is not a yes/no value: use true or false.`);
    return fallback;
  };
  const memory = (name: string, fallback: string): string => {
    const raw = text(name, fallback);
    if (!MEMORY_SIZE.test(raw)) {
      problems.push(`${name}="${raw}" is not a memory size: use a number with k, m or g, such as ${fallback}.`);
      return fallback;
    }
    return raw.toLowerCase();
  };

  const nodeEnv = text('NODE_ENV', 'development');
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV="${nodeEnv}" is not recognised: use development, production or test.`);
  }

  const logLevel = text('LOG_LEVEL', 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL="${logLevel}" is not a log level: use one of ${LOG_LEVELS.join(', ')}.`);
  }

  const positive = (name: string, fallback: number, unit: string): number => {
    const raw = text(name, String(fallback));
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) {
      problems.push(`${name}="${raw}" is not a positive whole number of ${unit}, such as ${fallback}.`);
      return fallback;
    }
    return value;
  };

  const count = (name: string, fallback: number, unit: string): number => {
    const raw = text(name, String(fallback));
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) {
      problems.push(`${name}="${raw}" is not a whole number of ${unit} (0 or more), such as ${fallback}.`);
      return fallback;
    }
    return value;
  };

  const grace = Number(text('SHUTDOWN_GRACE_MS', '10000'));
  if (!Number.isInteger(grace) || grace < 0) {
    problems.push(`SHUTDOWN_GRACE_MS="${env.SHUTDOWN_GRACE_MS}" is not a duration: use milliseconds, such as 10000.`);
  }

  const database = text('NEO4J_DATABASE', 'neo4j');
  let neo4j: Neo4jTarget | undefined;
  const uri = text('NEO4J_URI', '');
  if (uri !== '') {
    const scheme = uri.split('://')[0] ?? '';
    if (!uri.includes('://') || !NEO4J_SCHEMES.includes(scheme)) {
      problems.push(
        `NEO4J_URI="${uri}" is not a Neo4j address: use bolt://host:7687, neo4j://host:7687 or neo4j+s://<id>.databases.neo4j.io for Aura.`,
      );
    }
    const password = env.NEO4J_PASSWORD ?? '';
    if (password === '') {
      problems.push(
        'NEO4J_PASSWORD is not set: NEO4J_URI names your own Neo4j, so give its password too (or unset NEO4J_URI to use the local one).',
      );
    }
    neo4j = { uri, username: text('NEO4J_USERNAME', 'neo4j'), password, database };
  }

  const config: Config = {
    env: nodeEnv as Config['env'],
    host: text('HOST', '127.0.0.1'),
    port: port('PORT', 4000),
    publicUrl: undefined,
    logLevel,
    dataDir: path.resolve(cwd, text('DATA_DIR', '.data')),
    neo4j,
    neo4jDatabase: database,
    local: {
      port: port('NEO4J_LOCAL_PORT', 7687),
      heap: memory('NEO4J_LOCAL_HEAP', '512m'),
      pageCache: memory('NEO4J_LOCAL_PAGECACHE', '128m'),
      restarts: positive('NEO4J_LOCAL_RESTARTS', 5, 'attempts'),
    },
    seedOnEmpty: bool('SEED_ON_EMPTY', true),
    shutdownGraceMs: Number.isInteger(grace) && grace >= 0 ? grace : 10000,
    adminToken: env.ADMIN_TOKEN === undefined || env.ADMIN_TOKEN === '' ? undefined : env.ADMIN_TOKEN,
    rateLimitPerMinute: positive('RATE_LIMIT_PER_MINUTE', 600, 'requests'),
    trustProxy: undefined,
    queryTimeoutMs: positive('QUERY_TIMEOUT_MS', 10_000, 'milliseconds'),
    introspection: bool('GRAPHQL_INTROSPECTION', nodeEnv !== 'production'),
    oidc: undefined,
    redisUrl: undefined,
    metricsPort: text('METRICS_PORT', '') === '' ? undefined : port('METRICS_PORT', 9464),
    adminUploadLimitMb: positive('ADMIN_UPLOAD_LIMIT_MB', 100, 'megabytes'),
    tracesEndpoint: undefined,
    analytics: {
      concurrency: positive('ANALYTICS_CONCURRENCY', DEFAULT_NETWORK_WORK.concurrency, 'threads'),
      queue: count('ANALYTICS_QUEUE', DEFAULT_NETWORK_WORK.queue, 'waiting requests'),
      timeoutMs: positive('ANALYTICS_TIMEOUT_MS', DEFAULT_NETWORK_WORK.timeoutMs, 'milliseconds'),
      idleMs: positive('ANALYTICS_IDLE_MS', DEFAULT_NETWORK_WORK.idleMs, 'milliseconds'),
    },
  };
  const trustProxy = text('TRUST_PROXY', '');
  if (trustProxy !== '') {
    const { value, problem } = parseTrustProxy(trustProxy);
    if (problem) problems.push(problem);
    config.trustProxy = value;
  }
  const redisUrl = text('REDIS_URL', '');
  if (redisUrl !== '') {
    const problem = redisUrlProblem(redisUrl);
    if (problem) problems.push(problem);
    else config.redisUrl = redisUrl;
  }
  const tracesEndpoint = text('OTEL_EXPORTER_OTLP_ENDPOINT', '');
  if (tracesEndpoint !== '') {
    if (URL.canParse(tracesEndpoint) && /^https?:$/.test(new URL(tracesEndpoint).protocol))
      config.tracesEndpoint = tracesEndpoint;
    else
      problems.push(
        "OTEL_EXPORTER_OTLP_ENDPOINT is not an http(s) address (not shown, as it may hold a password): give the collector's OTLP/HTTP address, such as http://collector:4318 (traces go to its /v1/traces), or unset it to trace nothing.",
      );
  }
  // Outside production the service has development defaults (the console, introspection, open error detail), which
  // must not face the network.
  if (!isLoopback(config.host) && nodeEnv !== 'production') {
    problems.push(
      `HOST="${config.host}" would serve other machines, but NODE_ENV="${nodeEnv}" is not production: set NODE_ENV=production for a service others use, or HOST=127.0.0.1 to keep it on this machine.`,
    );
  }
  const publicUrl = text('PUBLIC_URL', '');
  if (publicUrl !== '') {
    const problem = publicUrlProblem(publicUrl);
    if (problem) problems.push(problem);
    else config.publicUrl = publicUrl.replace(/\/+$/, '');
  } else if (!isLoopback(config.host)) {
    problems.push(
      `PUBLIC_URL is not set, but HOST="${config.host}" serves other machines, which reach the service by a name it cannot know: set PUBLIC_URL to that address, such as https://hub.example.org.`,
    );
  }
  const oidcNames = ['OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_JWKS_URL'] as const;
  const oidcGiven = oidcNames.filter((name) => text(name, '') !== '');
  if (oidcGiven.length > 0 && oidcGiven.length < oidcNames.length) {
    problems.push(
      `Single sign-on needs all of ${oidcNames.join(', ')}; ${oidcNames.filter((n) => !oidcGiven.includes(n)).join(', ')} ${oidcNames.length - oidcGiven.length > 1 ? 'are' : 'is'} missing.`,
    );
  } else if (oidcGiven.length === oidcNames.length) {
    const jwksUrl = text('OIDC_JWKS_URL', '');
    const jwksProblem = jwksUrlProblem(jwksUrl, nodeEnv);
    if (jwksProblem) problems.push(jwksProblem);
    config.oidc = {
      issuer: text('OIDC_ISSUER', ''),
      audience: text('OIDC_AUDIENCE', ''),
      jwksUrl,
      roleClaim: text('OIDC_ROLE_CLAIM', 'partnership_hub_role'),
      algorithms:
        listOf(
          'OIDC_ALGORITHMS',
          text('OIDC_ALGORITHMS', DEFAULT_OIDC_ALGORITHMS.join(',')),
          OIDC_ALGORITHMS,
          problems,
        ) ?? DEFAULT_OIDC_ALGORITHMS,
      tokenTypes:
        listOf('OIDC_TOKEN_TYPES', text('OIDC_TOKEN_TYPES', DEFAULT_OIDC_TOKEN_TYPES.join(',')), undefined, problems) ??
        DEFAULT_OIDC_TOKEN_TYPES,
    };
  }
  if (config.adminToken !== undefined && config.adminToken.length < 24) {
    problems.push(
      'ADMIN_TOKEN is shorter than 24 characters: use a long random value, such as the output of `openssl rand -hex 32`.',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
