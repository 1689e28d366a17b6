// The container image and compose.yaml kept in step with the configuration: every variable they set is documented and
// read, every setting the scale-out topology needs is there, and each instance's environment is one the service accepts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../../server/config.js';

const README = readFileSync('README.md', 'utf8');
const CONFIG_SOURCE = readFileSync('server/config.ts', 'utf8');
const DOCKERFILE = readFileSync('Dockerfile', 'utf8');

interface ComposeService {
  build?: unknown;
  image?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
}
const COMPOSE = parse(readFileSync('compose.yaml', 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

/** The variables of the README's configuration table: the first cell's names, up to the next heading. */
function documentedVariables(): Set<string> {
  const start = README.indexOf('\n## Configuration\n');
  const end = README.indexOf('\n#', start + 1);
  const names = new Set<string>();
  for (const line of README.slice(start, end).split('\n')) {
    const first = /^\| ([^|]+) \|/.exec(line)?.[1] ?? '';
    for (const match of first.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(match[1]!);
  }
  return names;
}

/** Compose's interpolation as a shell would do it, with `given` as the operator's environment. */
function interpolate(value: string, given: Record<string, string>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    const set = given[name];
    if (set !== undefined && set !== '') return set;
    if (kind === '?') throw new Error(`${name} is required: ${rest}`);
    return kind === '-' ? (rest ?? '') : '';
  });
}

/** The service instances: containers built from this repository's Dockerfile. */
const instances = Object.entries(COMPOSE.services).filter(([, service]) => service.build !== undefined);
/** What the Dockerfile's runtime stage sets with ENV. */
const imageEnvironment = Object.fromEntries(
  [
    ...(DOCKERFILE.split(/^FROM .* AS runtime$/m)[1] ?? '').matchAll(
      /^\s*(?:ENV\s+)?([A-Z][A-Z0-9_]*)=(\S+?)\s*\\?$/gm,
    ),
  ].map((match) => [match[1]!, match[2]!]),
);

describe('the container image and compose file', () => {
  it('run two service instances of the image, over Neo4j 5.26 and Redis', () => {
    expect(instances.map(([name]) => name)).toHaveLength(2);
    expect(imageEnvironment).toEqual({ NODE_ENV: 'production', HOST: '0.0.0.0', PORT: '4000' });
    expect(COMPOSE.services.neo4j?.image).toMatch(/^neo4j:5\.26(\.\d+)?-community$/);
    expect(COMPOSE.services.redis?.image).toMatch(/^redis:/);
  });

  it('set only variables that the configuration table documents and server/config.ts reads', () => {
    const documented = documentedVariables();
    expect(documented.size).toBeGreaterThan(25);
    const set = new Set([
      ...Object.keys(imageEnvironment),
      ...instances.flatMap(([, s]) => Object.keys(s.environment ?? {})),
    ]);
    expect(
      [...set].filter((name) => !documented.has(name)),
      'missing from the README table',
    ).toEqual([]);
    expect(
      [...set].filter((name) => !CONFIG_SOURCE.includes(`'${name}'`) && !CONFIG_SOURCE.includes(`env.${name}`)),
      'not read by server/config.ts',
    ).toEqual([]);
  });

  it('set everything the scale-out topology needs, and the service accepts each instance’s environment', () => {
    const operator = { NEO4J_PASSWORD: 'a-password-for-the-test', PUBLIC_URL: 'https://hub.example.org' };
    const seeding: string[] = [];
    for (const [name, service] of instances) {
      const env = Object.fromEntries(
        Object.entries({ ...imageEnvironment, ...service.environment }).map(([key, value]) => [
          key,
          interpolate(String(value), operator),
        ]),
      );
      const config = loadConfig(env);
      expect(config.env, name).toBe('production');
      expect(config.host, `${name} listens where other containers reach it`).toBe('0.0.0.0');
      expect(config.publicUrl, name).toBe('https://hub.example.org');
      // The image has no Java, so never the embedded Neo4j: the topology's Neo4j server, by NEO4J_URI.
      expect(config.neo4j, name).toMatchObject({ uri: 'bolt://neo4j:7687', password: operator.NEO4J_PASSWORD });
      expect(config.redisUrl, `${name} shares the cache and rate limits`).toBe('redis://redis:6379/0');
      if (config.seedOnEmpty) seeding.push(name);
    }
    // Two instances seeding one empty database at once would race: one seeds, the other waits for it to be healthy.
    expect(seeding).toHaveLength(1);
    const waiting = instances.find(([name]) => name !== seeding[0])![1];
    expect(waiting.depends_on?.[seeding[0]!]).toEqual({ condition: 'service_healthy' });
    expect(() => interpolate(String(instances[0]![1].environment?.NEO4J_PASSWORD), {})).toThrow(/NEO4J_PASSWORD/);
    expect(interpolate(String(COMPOSE.services.neo4j?.environment?.NEO4J_AUTH), operator)).toBe(
      `neo4j/${operator.NEO4J_PASSWORD}`,
    );
  });

  it('builds in stages and runs the compiled server with production packages as a user other than root', () => {
    expect(DOCKERFILE.match(/^FROM /gm)).toHaveLength(2);
    expect(DOCKERFILE).toMatch(/RUN npm ci\b/);
    expect(DOCKERFILE).toMatch(/npm run build\b/);
    expect(DOCKERFILE).toMatch(/npm prune --omit=dev\b/);
    const user = /^USER (\S+)$/m.exec(DOCKERFILE)?.[1];
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)$/);
    expect(DOCKERFILE).toMatch(/^CMD \[.*"dist\/server\/main\.js"\]$/m);
    expect(DOCKERFILE).not.toMatch(/\btsx\b.*main/);
  });
});
