// Queries over GET named by their hash (automatic persisted queries), as the widgets send them: refused without the
// header that guards against cross-site request forgery, never for mutations, cacheable by browsers only when public.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKey } from '../../../server/database/api-keys.js';
import { PUBLIC_MAX_AGE_S } from '../../../server/graphql/response-cache.js';
import { useSeededService } from '../../support/service.js';

const COUNCIL = 'https://www.harrow.gov.uk';
const CSRF_HEADER = { 'apollo-require-preflight': 'true' };

interface Answer {
  data?: any;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe('persisted queries over GET', () => {
  let analystKey: string;
  const { service } = useSeededService({
    prepare: async (db) => {
      // Made before the service starts, so that CORS knows the council's origin from the first request.
      await createKey(db, 'Harrow council website', 'public', [COUNCIL]);
      analystKey = (await createKey(db, 'Public health intelligence', 'analyst', [])).secret;
    },
  });

  /** A GET of /graphql with the given parameters, objects sent as JSON as the GraphQL over HTTP convention has it. */
  function get(params: Record<string, unknown>, headers: Record<string, string> = CSRF_HEADER) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(params))
      search.set(name, typeof value === 'string' ? value : JSON.stringify(value));
    return fetch(`${service().url}/graphql?${search}`, { headers });
  }
  const persisted = (query: string) => ({
    persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') },
  });

  it('answers a hash it has not seen with PERSISTED_QUERY_NOT_FOUND, learns it from the full query, then answers the hash alone', async () => {
    // Unique to this test, so no earlier request has registered it.
    const query = 'query TopicsByHash { topics(first: 3) { edges { node { key name } } } }';
    const extensions = persisted(query);

    const unknown = await get({ operationName: 'TopicsByHash', extensions });
    const unknownBody = (await unknown.json()) as Answer;
    expect(unknownBody.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(unknownBody.data).toBeUndefined();
    // The refusal must not be cached, or a browser would keep asking with the hash alone and keep failing.
    expect(unknown.headers.get('cache-control')).toMatch(/no-cache|no-store/);

    const registered = await get({ operationName: 'TopicsByHash', query, extensions });
    expect(registered.status).toBe(200);
    const registeredBody = (await registered.json()) as Answer;
    expect(registeredBody.errors).toBeUndefined();
    expect(registeredBody.data.topics.edges).toHaveLength(3);

    const byHash = await get({ operationName: 'TopicsByHash', extensions });
    expect(byHash.status).toBe(200);
    expect(await byHash.json()).toEqual(registeredBody);
  });

  it('refuses a hash that does not match the query sent with it', async () => {
    const query = '{ topics(first: 1) { edges { node { key } } } }';
    const response = await get({ query, extensions: persisted(`${query} `) });
    expect(response.status).toBe(400);
    const answer = (await response.json()) as Answer & { errors: { message: string; extensions: { code: string } }[] };
    expect(answer.data).toBeUndefined();
    expect(answer.errors[0]).toMatchObject({
      message: expect.stringMatching(/sha256Hash is not the SHA-256/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses a GET without a header that a cross-site form or image could not send, and says which to add', async () => {
    const query = '{ topics(first: 1) { edges { node { key } } } }';
    const refused = await get({ query }, {});
    expect(refused.status).toBe(400);
    const message = await refused.text();
    expect(message).toMatch(/Cross-Site Request Forgery/);
    expect(message).toContain('apollo-require-preflight');

    const accepted = await get({ query });
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as Answer).data.topics.edges).toHaveLength(1);
  });

  it('never runs a mutation sent by GET', async () => {
    const response = await get({ query: 'mutation { retireRecord(id: "x", version: 1) { id } }' });
    expect(response.status).toBe(405);
    expect(((await response.json()) as Answer).errors?.[0]?.message).toMatch(/only support query operations/);
  });

  it('marks a public answer cacheable by browsers and proxies for 60 s, and a keyed one private', async () => {
    const query = 'query DirectorySearchByGet($text: String) { search(text: $text, first: 5) { totalCount } }';
    const params = {
      operationName: 'DirectorySearchByGet',
      query,
      variables: { text: 'smoking' },
      extensions: persisted(query),
    };

    const anonymous = await get(params);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('cache-control')).toBe(`max-age=${PUBLIC_MAX_AGE_S}, public`);
    // A browser must not hand a keyed answer to an anonymous request for the same address, nor the reverse.
    expect(
      anonymous.headers
        .get('vary')
        ?.toLowerCase()
        .split(/\s*,\s*/),
    ).toEqual(expect.arrayContaining(['origin', 'x-api-key', 'authorization']));

    const keyed = await get(params, { ...CSRF_HEADER, 'x-api-key': analystKey });
    expect(keyed.status).toBe(200);
    expect(((await keyed.json()) as Answer).data.search.totalCount).toBeGreaterThan(0);
    expect(keyed.headers.get('cache-control')).toMatch(/\bprivate\b/);
    expect(keyed.headers.get('cache-control')).not.toMatch(/\bpublic\b/);
  });

  it("answers a widget origin's preflight for the header, and lets the browser remember the answer", async () => {
    const response = await fetch(`${service().url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: COUNCIL,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'apollo-require-preflight,x-api-key',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(COUNCIL);
    expect(response.headers.get('access-control-allow-methods')).toContain('GET');
    expect(response.headers.get('access-control-allow-headers')?.split(/\s*,\s*/)).toEqual(
      expect.arrayContaining(['apollo-require-preflight', 'x-api-key']),
    );
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThanOrEqual(PUBLIC_MAX_AGE_S);
    expect(response.headers.get('vary')).toMatch(/origin/i);

    // An origin no key names may read public answers without a key (issue 16), but gets no permission to send one,
    // so its browser refuses to send a copied key.
    const stranger = (headers: string) =>
      fetch(`${service().url}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://elsewhere.example',
          'access-control-request-method': 'GET',
          'access-control-request-headers': headers,
        },
      });
    expect((await stranger('apollo-require-preflight')).headers.get('access-control-allow-origin')).toBe('*');
    expect(
      (await stranger('apollo-require-preflight,x-api-key')).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });
});
