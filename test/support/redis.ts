// For integration suites: a real, throwaway redis-server on a free port, keeping nothing on disk, that a suite can
// stall, stop and start again, and a proxy that cuts one client off from it, to see how the service copes.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../server/database/local-neo4j.js';

export interface TestRedis {
  /** The address with its password, as REDIS_URL takes it. */
  url: string;
  port: number;
  password: string;
  /** Stops the server's process without closing its connections: a stalled, overloaded server. */
  pause(): void;
  resume(): void;
  /** Stops the server; its data goes with it. */
  stop(): Promise<void>;
  /** Starts it again, empty, on the same port. */
  start(): Promise<void>;
}

const MISSING =
  'redis-server was not found: the shared response cache is tested against a real Redis. Install it ' +
  '(on Debian: apt-get install redis-server; .ci/run does this on a fresh machine) and run the tests again.';

export async function startTestRedis(): Promise<TestRedis> {
  const port = await freePort();
  const password = `test-${Math.random().toString(36).slice(2)}`;
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const started = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--requirepass',
        password,
        '--save',
        '',
        '--appendonly',
        'no',
        '--loglevel',
        'warning',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const failed = new Promise<never>((_, reject) => {
      started.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'ENOENT' ? new Error(MISSING) : error),
      );
      started.once('exit', (code) =>
        reject(new Error(`redis-server exited (${code}) before accepting connections:\n${output}`)),
      );
    });
    failed.catch(() => undefined);
    await Promise.race([failed, acceptsConnections(port)]);
    child = started;
  };

  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGCONT');
    running.kill('SIGTERM');
    await exited;
  };

  await start();
  return {
    url: `redis://:${password}@127.0.0.1:${port}`,
    port,
    password,
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    stop,
    start,
  };
}

/** Resolves once something listens on `port`, within ten seconds. */
async function acceptsConnections(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`redis-server did not accept connections on port ${port} within ten seconds`);
    await sleep(50);
  }
}

export interface RedisProxy {
  /** The Redis address through the proxy. */
  url: string;
  /** Drops every connection through the proxy and refuses new ones, while Redis itself carries on for others. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/** A TCP proxy to `redis`: what a network partition between one instance and Redis looks like. */
export async function proxyTo(redis: TestRedis): Promise<RedisProxy> {
  const port = await freePort();
  const open = new Set<net.Socket>();
  let isCut = false;
  const server = net.createServer((client) => {
    if (isCut) return void client.destroy();
    const upstream = net.connect({ host: '127.0.0.1', port: redis.port });
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.once('close', () => open.delete(socket));
      socket.once('error', () => undefined);
    }
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `redis://:${redis.password}@127.0.0.1:${port}`,
    cut: () => {
      isCut = true;
      for (const socket of open) socket.destroy();
    },
    restore: () => {
      isCut = false;
    },
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
