// The command lines' client of a running service: which service and secret it picks, and how it waits its turn.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findService, sendImport, ServiceError, serviceSettings } from '../../../seed/service-client.js';

/** A stand-in service: /health/live answers, and imports are refused `busy` times with 409 before one is taken. */
function standIn(busy: number): Promise<{ server: Server; port: number; imports: () => number }> {
  let imports = 0;
  const server = createServer((request, response) => {
    if (request.url === '/health/live') return response.end('{"status":"live"}');
    request.resume();
    imports += 1;
    if (imports <= busy) {
      response.writeHead(409, { 'content-type': 'application/json', 'retry-after': '1' });
      return response.end(JSON.stringify({ error: 'IMPORT_RUNNING', message: 'Another import is running.' }));
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ dryRun: false }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as AddressInfo).port, imports: () => imports }),
    ),
  );
}

describe('the service client', () => {
  let dir: string;
  let tokenFile: string;
  let service: Awaited<ReturnType<typeof standIn>>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'service-client-'));
    tokenFile = path.join(dir, 'admin-token');
    service = await standIn(2);
  });
  afterAll(() => new Promise<void>((resolve) => service.server.close(() => resolve())));

  it('finds the service on PORT, and sends ADMIN_KEY before ADMIN_TOKEN before the local token file', async () => {
    await writeFile(tokenFile, 'local-secret\n');
    const found = (env: Record<string, string>) => findService(serviceSettings(env, service.port, tokenFile));
    expect(await found({ ADMIN_KEY: 'key', ADMIN_TOKEN: 'token' })).toEqual({
      url: `http://localhost:${service.port}`,
      secret: 'key',
      authenticatedBy: 'ADMIN_KEY',
    });
    expect((await found({ ADMIN_TOKEN: 'token' }))?.authenticatedBy).toBe('ADMIN_TOKEN');
    expect(await found({})).toMatchObject({ secret: 'local-secret', authenticatedBy: 'the local token file' });
    const noFile = await findService(serviceSettings({}, service.port, path.join(dir, 'none')));
    expect(noFile).toMatchObject({ secret: undefined, authenticatedBy: undefined });
  });

  it('works directly when nothing answers on PORT, but never when HUB_URL names a service that does not answer', async () => {
    const closed = await standIn(0);
    const port = closed.port;
    await new Promise<void>((resolve) => closed.server.close(() => resolve()));
    expect(await findService(serviceSettings({}, port, tokenFile))).toBeUndefined();
    await expect(
      findService(serviceSettings({ HUB_URL: `http://127.0.0.1:${port}/` }, 4000, tokenFile)),
    ).rejects.toThrow(/HUB_URL=http:\/\/127\.0\.0\.1:\d+ does not answer.*unset HUB_URL/);
  });

  it('waits as Retry-After says while another import runs, saying so, and gives up past its bound', async () => {
    const target = { url: `http://127.0.0.1:${service.port}`, secret: 'x', authenticatedBy: 'ADMIN_KEY' };
    const request = {
      files: [],
      reference: true,
      defaultSeed: false,
      dryRun: false,
      preferFile: false,
      kind: undefined,
    };
    const said: string[] = [];
    expect(await sendImport(target, request, (line) => said.push(line))).toEqual({ dryRun: false });
    expect(said).toEqual([
      'Another import is running. Waiting 1 s, then sending it again.',
      'Another import is running. Waiting 1 s, then sending it again.',
    ]);
    const busy = await standIn(100);
    const refused = await sendImport(
      { ...target, url: `http://127.0.0.1:${busy.port}` },
      request,
      () => {},
      1_500,
    ).catch((error: unknown) => error);
    await new Promise<void>((resolve) => busy.server.close(() => resolve()));
    expect(refused).toBeInstanceOf(ServiceError);
    expect((refused as ServiceError).status).toBe(409);
  }, 20_000);
});
