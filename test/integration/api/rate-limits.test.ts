// Rate limits a client cannot step around: made-up keys count against the address on every public route, live keys
// have their own budgets (widget keys per key and address), the key cache stays bounded, and key usage is counted.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeId } from '../../../schema/ids.js';
import { loadConfig } from '../../../server/config.js';
import { createKey, listKeys, revokeKey } from '../../../server/database/api-keys.js';
import { keyCacheSize } from '../../../server/graphql/access.js';
import { startService, type RunningService } from '../../../server/service.js';
import { testTarget, useTestDatabase } from '../../support/database.js';
import { startTestService, TEST_ADMIN_TOKEN } from '../../support/service.js';

const LIMIT = 4;
const COUNCIL = 'https://www.barnet.gov.uk';
const madeUpShaped = () => `ph_public_${randomBytes(32).toString('base64url')}`;
const madeUpOther = () => randomBytes(12).toString('hex');
let addresses = 0;
/** A fresh client address each call, as a load balancer names it in X-Forwarded-For. */
const newAddress = () => {
  addresses += 1;
  return `198.51.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
};

describe('rate limits by validated identity', () => {
  const db = useTestDatabase();
  let service: RunningService;
  let partner: string;
  let widget: string;
  let admin: string;
  beforeAll(async () => {
    partner = (await createKey(db(), 'Partner data team', 'public', [])).secret;
    widget = (await createKey(db(), 'Barnet widget', 'public', [COUNCIL])).secret;
    admin = (await createKey(db(), 'Programme manager', 'admin', [])).secret;
    service = await startTestService(testTarget(), { RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: '1' });
  });
  afterAll(async () => service?.stop());

  /** Each public route, asked as a client would; the status only matters for whether it was limited. */
  const ROUTES: Record<string, (headers: Record<string, string>) => Promise<Response>> = {
    '/graphql': (headers) =>
      fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ about { name } }' }),
      }),
    '/oruk': (headers) => fetch(`${service.url}/oruk/services`, { headers }),
    '/networks': (headers) =>
      fetch(`${service.url}/networks/${nodeId('Organisation', 'london-councils')}.csv`, { headers }),
    '/directory': (headers) => fetch(`${service.url}/directory`, { headers }),
  };

  for (const [route, ask] of Object.entries(ROUTES)) {
    it(`counts requests to ${route} with a fresh made-up key each against the client's address`, async () => {
      const client = { 'x-forwarded-for': newAddress() };
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT + 2; i += 1) {
        const key: Record<string, string> =
          i % 2 === 0 ? { 'x-api-key': madeUpShaped() } : { authorization: `Bearer ${madeUpOther()}` };
        statuses.push((await ask({ ...client, ...key })).status);
      }
      expect(statuses.slice(0, LIMIT)).not.toContain(429);
      expect(statuses.slice(LIMIT)).toEqual([429, 429]);
      const refused = await ask(client);
      expect(refused.status).toBe(429);
      expect(await refused.json()).toMatchObject({
        error: 'RATE_LIMITED',
        message: expect.stringMatching(/at most 4/),
      });
      // Another client behind the same load balancer has its own budget.
      expect((await ask({ 'x-forwarded-for': newAddress() })).status).not.toBe(429);
    });
  }

  it("gives a partner's live key its own budget, apart from its address's", async () => {
    const client = { 'x-forwarded-for': newAddress() };
    for (let i = 0; i < LIMIT; i += 1) await ROUTES['/oruk']!(client);
    expect((await ROUTES['/oruk']!(client)).status).toBe(429);
    expect((await ROUTES['/oruk']!({ ...client, 'x-api-key': partner })).status).toBe(200);
  });

  it("counts a widget key per key and address, so one copier cannot spend a council's budget", async () => {
    const copier = { 'x-forwarded-for': newAddress(), 'x-api-key': widget, origin: COUNCIL };
    const resident = { 'x-forwarded-for': newAddress(), 'x-api-key': widget, origin: COUNCIL };
    for (let i = 0; i < LIMIT; i += 1) expect((await ROUTES['/graphql']!(copier)).status).toBe(200);
    expect((await ROUTES['/graphql']!(copier)).status).toBe(429);
    expect((await ROUTES['/graphql']!(resident)).status).toBe(200);
  });

  it('asks the database nothing for made-up keys, and keeps its key cache within its bound', async () => {
    let queries = 0;
    const run = service.db.run;
    service.db.run = (...args) => {
      queries += 1;
      return run(...args);
    };
    try {
      // Secrets not shaped like ours are refused without a query, from however many addresses.
      for (let i = 0; i < 300; i += 1) {
        const response = await ROUTES['/graphql']!({ 'x-forwarded-for': newAddress(), 'x-api-key': madeUpOther() });
        expect(response.status).toBe(401);
      }
      expect(queries).toBe(0);

      // An address over its limit gets only a few lookups (for a real key behind it), even for secrets shaped like ours.
      const flooder = { 'x-forwarded-for': newAddress() };
      for (let i = 0; i < LIMIT + 1; i += 1) await ROUTES['/oruk']!({ ...flooder, 'x-api-key': madeUpOther() });
      const before = queries;
      for (let i = 0; i < 200; i += 1)
        expect((await ROUTES['/graphql']!({ ...flooder, 'x-api-key': madeUpShaped() })).status).toBe(429);
      expect(queries - before).toBeLessThanOrEqual(5);

      // Shaped made-up keys from many addresses each cost one indexed lookup, but the cache keeps only its bound.
      for (let i = 0; i < 1_500; i += 1)
        await ROUTES['/graphql']!({ 'x-forwarded-for': newAddress(), 'x-api-key': madeUpShaped() });
      const { size, bound } = keyCacheSize();
      expect(size).toBeLessThanOrEqual(bound);
      expect(size).toBeLessThanOrEqual(1_000 + 10); // the misses' set, and the few live keys of this suite
    } finally {
      service.db.run = run;
    }
  }, 120_000);

  it("counts each live key's requests per day for admins, in GraphQL and, once written, in the database", async () => {
    const client = { 'x-forwarded-for': newAddress(), 'x-api-key': partner };
    for (let i = 0; i < 3; i += 1) await ROUTES['/oruk']!(client);
    const response = await ROUTES['/graphql']!({
      'x-forwarded-for': newAddress(),
      authorization: `Bearer ${admin}`,
    }).then(() =>
      fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ query: '{ apiKeys { name role usage { day requests } } }' }),
      }),
    );
    const body = (await response.json()) as { data: { apiKeys: { name: string; usage: { requests: number }[] }[] } };
    const today = new Date().toISOString().slice(0, 10);
    const usage = (name: string) => body.data.apiKeys.find((k) => k.name === name)?.usage;
    // The partner made 3 here and 1 in the budget test above.
    expect(usage('Partner data team')).toEqual([{ day: today, requests: 4 }]);
    expect(JSON.stringify(body)).not.toContain(partner);

    await service.stop(); // writes what it has counted
    const stored = (await listKeys(db())).find((k) => k.name === 'Partner data team');
    expect(stored?.usage).toEqual([{ day: today, requests: 4 }]);
  });
});

describe('keys: revoked by id, origins only on public keys, the bootstrap token retired', () => {
  const db = useTestDatabase();

  it('revokes a key by its id only, never by its secret or prefix', async () => {
    const { key, secret } = await createKey(db(), 'To revoke', 'public', []);
    expect(await revokeKey(db(), key.prefix)).toBe(0);
    expect(await revokeKey(db(), secret)).toBe(0);
    expect(await revokeKey(db(), key.id)).toBe(1);
  });

  it('refuses origins on analyst and admin keys, which must never be put in a web page', async () => {
    await expect(createKey(db(), 'Analyst page', 'analyst', [COUNCIL])).rejects.toThrow(/only for public/);
    expect((await listKeys(db())).map((k) => k.name)).not.toContain('Analyst page');
  });

  it('warns at start-up that ADMIN_TOKEN is set once admin keys exist, and logs each use without the token', async () => {
    await createKey(db(), 'First admin', 'admin', []);
    const lines: string[] = [];
    const log = pino(
      { level: 'warn' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const neo4j = testTarget();
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      NEO4J_URI: neo4j.uri,
      NEO4J_USERNAME: neo4j.username,
      NEO4J_PASSWORD: neo4j.password,
      NEO4J_DATABASE: neo4j.database,
      SEED_ON_EMPTY: 'false',
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    });
    const service = await startService(config, log);
    try {
      expect(lines.join('')).toMatch(/ADMIN_TOKEN is set although admin keys exist/);
      const before = lines.length;
      for (let i = 0; i < 2; i += 1)
        await fetch(`${service.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
          body: JSON.stringify({ query: '{ imports { actor } }' }),
        });
      const uses = lines.slice(before).filter((line) => line.includes('bootstrap ADMIN_TOKEN was used'));
      expect(uses).toHaveLength(2);
      expect(uses.every((line) => line.includes('"requestId"'))).toBe(true);
      expect(lines.join('')).not.toContain(TEST_ADMIN_TOKEN);
    } finally {
      await service.stop();
    }
  });
});
