// Safer defaults over HTTP: links built on PUBLIC_URL whatever Host a client sends, nosniff on every answer and HSTS
// behind TLS, and no Apollo landing page outside development.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../server/service.js';
import { testTarget } from '../../support/database.js';
import { startTestService } from '../../support/service.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET with headers fetch will not send as given (Host), over plain http. */
function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(path, base), { headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

const PUBLIC_URL = 'https://hub.example.org';
const FORGED = { host: 'attacker.example', 'x-forwarded-host': 'attacker.example' };

describe('a service with a public address behind TLS', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startTestService(testTarget(), { PUBLIC_URL: `${PUBLIC_URL}/` });
  });
  afterAll(async () => service?.stop());

  it('names itself by PUBLIC_URL in the Open Referral UK feed, whatever Host the request carries', async () => {
    const answer = await get(service.url, '/oruk', FORGED);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).openapi_url).toBe(`${PUBLIC_URL}/oruk/openapi.json`);
  });

  it('writes PUBLIC_URL into the demo snippets, never the Host header', async () => {
    const answer = await get(service.url, '/demo', FORGED);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain(`${PUBLIC_URL}/`);
    expect(answer.body).not.toContain('attacker.example');
  });

  it('sends nosniff and HSTS with every answer, errors included', async () => {
    for (const path of ['/health/live', '/oruk', '/graphql?query=%7B__typename%7D', '/no-such-page']) {
      const answer = await get(service.url, path, { 'apollo-require-preflight': 'true' });
      expect(answer.headers['x-content-type-options'], path).toBe('nosniff');
      expect(answer.headers['strict-transport-security'], path).toBe('max-age=31536000');
    }
  });

  it("shows no Apollo landing page outside development: a browser's GET is a plain GraphQL error", async () => {
    const answer = await get(service.url, '/graphql', { accept: 'text/html' });
    expect(answer.headers['content-type']).not.toMatch(/text\/html/);
    expect(answer.body).not.toMatch(/<html|apollo.*sandbox|embeddable-sandbox/i);
  });
});

describe('lookups by a name from the request', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startTestService(testTarget());
  });
  afterAll(async () => service?.stop());

  it("finds only the console's own assets: names every object inherits are not found, not a server error", async () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const answer = await get(service.url, `/graphiql/assets/${name}`);
      expect(answer.status, name).toBe(404);
      expect(JSON.parse(answer.body).error, name).toBe('NOT_FOUND');
    }
  });
});

describe('a service without PUBLIC_URL, on plain http', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startTestService(testTarget());
  });
  afterAll(async () => service?.stop());

  it('links to the address it listens on, not the Host header, and sends nosniff but no HSTS', async () => {
    const answer = await get(service.url, '/oruk', FORGED);
    expect(JSON.parse(answer.body).openapi_url).toBe(`${service.url}/oruk/openapi.json`);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['strict-transport-security']).toBeUndefined();
  });
});
