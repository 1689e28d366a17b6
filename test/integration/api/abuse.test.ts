// Hostile and malformed input: each gets a clear 4xx or coded GraphQL error, and nothing in the graph changes.
import { beforeAll, describe, expect, it } from 'vitest';
import { graphql, TEST_ADMIN_TOKEN, useSeededService } from '../../support/service.js';

const INJECTIONS = [
  "x' }) MATCH (n) DETACH DELETE n //",
  'x"}) DETACH DELETE n RETURN 1 //',
  '`) CALL db.labels() //',
  '*:* OR name:*',
  '\u0000\u202e\ud83d\ude00 Barnet \u00a0',
];

describe('hostile and malformed input', () => {
  const { db, service } = useSeededService({ env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN } });
  let before: string;
  const snapshot = async () =>
    JSON.stringify(
      (
        await db().run('MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r')
      ).records[0]?.toObject(),
    );
  beforeAll(async () => {
    before = await snapshot();
  });

  it('treats injection strings in every text argument as data: no 500, no change to the graph', async () => {
    const queries = [
      'query ($s: String!) { organisation(key: $s) { name } }',
      'query ($s: String!) { programme(key: $s) { name } }',
      'query ($s: String!) { search(text: $s) { totalCount } }',
      'query ($s: String!) { search(topic: $s, area: $s) { totalCount } }',
      'query ($s: String!) { coverageGaps(footprint: $s, topic: $s) { key } }',
      'query ($s: String!) { mostConnected(area: $s) { partners } }',
      'query ($s: ID!) { node(id: $s) { id } }',
      'query ($s: ID!) { network(around: $s) { nodes { id } } }',
    ];
    for (const query of queries) {
      for (const s of INJECTIONS) {
        const { status, body } = await graphql(service(), query, { s }, TEST_ADMIN_TOKEN);
        expect(status, `${query} ${JSON.stringify(s)}`).toBeLessThan(500);
        for (const error of body.errors ?? [])
          expect(['NOT_FOUND', 'BAD_USER_INPUT'], `${query} ${JSON.stringify(s)}: ${error.message}`).toContain(
            error.extensions?.code,
          );
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('answers malformed requests with 4xx: bad JSON, wrong content type, a huge body, a missing query', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${service().url}/graphql`, { method: 'POST', headers: { 'content-type': type }, body });
    expect((await post('{"query": "{ about { name } ')).status).toBe(400);
    expect((await post('query=%7B%7D', 'text/plain')).status).toBe(400); // Apollo's CSRF prevention
    expect((await post(JSON.stringify({ query: `{ about { name } } #${'x'.repeat(2_000_000)}` }))).status).toBe(413);
    expect((await post(JSON.stringify({ variables: {} }))).status).toBe(400);
    expect((await post(JSON.stringify({ query: '{ search(text: 5) { totalCount } }' }))).status).toBe(400);
    expect(await snapshot()).toBe(before);
  });

  it('refuses invalid ids and codes with BAD_USER_INPUT or NOT_FOUND, and unicode in search with results, not errors', async () => {
    const code = async (query: string) => (await graphql(service(), query)).body.errors?.[0]?.extensions?.code;
    expect(await code('{ action(id: "123") { name } }')).toBe('BAD_USER_INPUT');
    expect(await code('{ area(key: "E09999999") { name } }')).toBe('NOT_FOUND');
    expect(await code('{ search(near: { postcode: "SW1A 1AA 1AA" }) { totalCount } }')).toBe('BAD_USER_INPUT');
    const unicode = await graphql(service(), '{ search(text: "Bärnet – 🙂 ‮Immunisation") { totalCount } }');
    expect(unicode.body.errors).toBeUndefined();
  });
});
