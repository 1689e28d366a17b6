// Response caching: public answers are reused and marked cacheable; keyed ones are neither; an admin change is seen at once.
import { describe, expect, it } from 'vitest';
import { PUBLIC_MAX_AGE_S } from '../../../server/graphql/response-cache.js';
import { graphql, TEST_ADMIN_TOKEN, useSeededService } from '../../support/service.js';

describe('response cache', () => {
  const { service } = useSeededService({ env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN } });

  const SEARCH =
    '{ search(text: "stop smoking", kinds: [SERVICE]) { edges { node { ... on Service { id name version } } } } }';
  const post = (query: string, token?: string) =>
    fetch(`${service().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });

  it('answers a repeated public query from the cache, without the database, and marks it publicly cacheable', async () => {
    const first = await post(SEARCH);
    const second = await post(SEARCH);
    expect(await second.json()).toEqual(await first.json());
    expect(Number(first.headers.get('x-db-round-trips'))).toBeGreaterThan(0);
    expect(second.headers.get('x-db-round-trips')).toBe('0');
    expect(second.headers.get('cache-control')).toBe(`max-age=${PUBLIC_MAX_AGE_S}, public`);
  });

  it('never caches or shares an answer given to a key', async () => {
    await post(SEARCH, TEST_ADMIN_TOKEN);
    const again = await post(SEARCH, TEST_ADMIN_TOKEN);
    expect(Number(again.headers.get('x-db-round-trips'))).toBeGreaterThan(0);
    expect(again.headers.get('cache-control') ?? 'no-store').not.toContain('public');
  });

  it("shows an admin's change to public readers at once", async () => {
    const before = (await (await post(SEARCH)).json()) as {
      data: { search: { edges: { node: { id: string; name: string; version: number } }[] } };
    };
    const service0 = before.data.search.edges[0]!.node;
    const renamed = `${service0.name} (renamed)`;
    const update = await graphql(
      service(),
      'mutation ($id: ID!, $v: Int!, $set: JSONObject) { updateRecord(id: $id, version: $v, set: $set) { id } }',
      { id: service0.id, v: service0.version, set: { name: renamed } },
      TEST_ADMIN_TOKEN,
    );
    expect(update.body.errors).toBeUndefined();
    const after = (await (await post(SEARCH)).json()) as typeof before;
    expect(after.data.search.edges.map((e) => e.node.name)).toContain(renamed);
  });
});
