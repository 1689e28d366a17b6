// Data at rest: DATA_DIR created for its owner only, and the embedded JVM given only the environment it needs.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/logger.js';
import { jvmEnvironment } from '../../../server/database/local-neo4j.js';
import { prepareDataDir } from '../../../server/database/open.js';

describe('data at rest', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'data-at-rest-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates DATA_DIR, and the folders above it, readable by their owner only', async () => {
    const dataDir = path.join(dir, 'deployment', 'data');
    await prepareDataDir(dataDir, createLogger('silent'));
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(path.dirname(dataDir))).mode & 0o777).toBe(0o700);
  });

  it("passes the JVM the allow-listed variables and its own settings, none of the service's secrets", () => {
    const parent = {
      PATH: '/usr/bin',
      LANG: 'en_GB.UTF-8',
      ADMIN_TOKEN: 'admin-secret',
      REDIS_URL: 'redis://user:secret@cache:6379',
      NEO4J_PASSWORD: 'remote-neo4j-secret',
      NEO4J_URI: 'neo4j+s://example.databases.neo4j.io',
      OIDC_ISSUER: 'https://login.example.org',
      JAVA_TOOL_OPTIONS: '-javaagent:/tmp/agent.jar',
    };
    const env = jvmEnvironment({ home: '/store', port: 7999, pageCache: '64m' }, 'this-run', parent);
    expect(Object.keys(env).sort()).toEqual(
      [
        'CLASSPATH',
        'LANG',
        'NEO4J_APOC',
        'NEO4J_BOLT_PORT',
        'NEO4J_HOME',
        'NEO4J_PAGECACHE',
        'NEO4J_PASSWORD',
        'PATH',
      ].sort(),
    );
    expect(env.NEO4J_PASSWORD).toBe('this-run');
    expect(JSON.stringify(env)).not.toMatch(/admin-secret|redis|remote-neo4j-secret|javaagent|example/);
  });

  it('leaves APOC off the classpath and out of the plugins unless asked for', () => {
    const without = jvmEnvironment({ home: '/store', port: 7999 }, 'p', {});
    expect(without.NEO4J_APOC).toBe('false');
    expect(without.CLASSPATH).toMatch(/neo4j-kernel/);
    expect(without.CLASSPATH).not.toMatch(/apoc-/);
    const withApoc = jvmEnvironment({ home: '/store', port: 7999, apoc: true }, 'p', {});
    expect(withApoc.NEO4J_APOC).toBe('true');
    expect(withApoc.CLASSPATH).toMatch(/apoc-core-5\.26/);
  });
});
