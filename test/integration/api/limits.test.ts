// No unbounded work from one request: relationship lists cut by `first` in Cypher, a cost that counts list sizes,
// pages sorted and cut by Neo4j with totals only when asked, the Open Referral UK feed paged in Cypher.
import { getIntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { Label, Rel } from '../../../schema/graph.js';
import { nodeId } from '../../../schema/ids.js';
import { LINKS } from '../../../schema/model.js';
import { linkedNodesMany } from '../../../server/database/links.js';
import { backfillTopicScope } from '../../../server/database/write/topic-scope.js';
import { QUERY_LIMITS } from '../../../server/graphql/limits.js';
import { DEFAULT_LINKS } from '../../../server/graphql/list-caps.js';
import type { RunningService } from '../../../server/service.js';
import { testTarget } from '../../support/database.js';
import { graphql, startTestService, useSeededService } from '../../support/service.js';

/** A topic with more services about it than a list gives by default, named so their order is known. */
const BIG_TOPIC = 'limits-big-topic';
const SERVICES = DEFAULT_LINKS + 10;
const serviceName = (i: number) => `Limits service ${String(i).padStart(3, '0')}`;

describe('limits on the work one request can ask for', () => {
  let topicId: string;
  const { db, service } = useSeededService({
    prepare: async (db) => {
      // Written straight in Cypher for speed, so the topic's id is the write path's own and the topic scope the search
      // reads is worked out afterwards, as for a store written before the scope existed.
      topicId = nodeId(Label.Topic, BIG_TOPIC);
      await db.run(
        `CREATE (t:${Label.Topic} {id: $topicId, key: $key, name: 'Limits topic'})
         WITH t UNWIND range(1, $count) AS i
         CREATE (:${Label.Service} {id: randomUUID(), key: 'limits-service-' + i, name: 'Limits service ' + right('00' + toString(i), 3)})-[:${Rel.ABOUT}]->(t)`,
        { topicId, key: BIG_TOPIC, count: SERVICES },
        'WRITE',
      );
      await backfillTopicScope(db);
    },
  });

  const ask = (query: string, variables: Record<string, unknown> = {}) => graphql(service(), query, variables);

  describe('relationship lists', () => {
    it(`give ${DEFAULT_LINKS} by default and never more than first, in their order`, async () => {
      const { body } = await ask(
        `{ topic(key: "${BIG_TOPIC}") { all: services { name } few: services(first: 3) { name } } }`,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data.topic.all).toHaveLength(DEFAULT_LINKS);
      expect(body.data.topic.all[0]).toEqual({ name: serviceName(1) });
      expect(body.data.topic.few).toEqual([1, 2, 3].map((i) => ({ name: serviceName(i) })));
    });

    it('refuse a first over the maximum, naming the field and how to ask for more', async () => {
      const { body } = await ask(`{ topic(key: "${BIG_TOPIC}") { services(first: 501) { name } } }`);
      expect(body.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/first on Topic.services must be between 1 and 500.*search/),
        extensions: { code: 'BAD_USER_INPUT', argument: 'first' },
      });
    });

    it('cut the lists that resolvers build (an area’s organisations, a record’s sources) as well', async () => {
      const { body } = await ask(`{
        area(key: "E09000003") { organisations(first: 1) { name } }
        programme(key: "barnet-immunisation-2017-18") { actions(first: 2) { name leads(first: 1) { part } } sourceDocuments(first: 1) { title } }
      }`);
      expect(body.errors).toBeUndefined();
      expect(body.data.area.organisations).toHaveLength(1);
      expect(body.data.programme.actions).toHaveLength(2);
      expect(body.data.programme.actions.every((a: { leads: unknown[] }) => a.leads.length <= 1)).toBe(true);
      expect(body.data.programme.sourceDocuments).toHaveLength(1);
    });

    it('are cut by the database, per parent, in one round trip for many parents', async () => {
      const other = (
        await db().run(`MATCH (t:${Label.Topic} {key: 'stop-smoking'}) RETURN t.id AS id`)
      ).records[0]!.get('id') as string;
      const [found] = await linkedNodesMany(db(), [
        { spec: LINKS.Topic.services!, parentIds: [topicId, other], limit: 4 },
      ]);
      const [big, small] = found!;
      expect(big!.map((l) => l.node.name)).toEqual([1, 2, 3, 4].map(serviceName));
      expect(small!.length).toBeLessThanOrEqual(4);
    });
  });

  describe('the cost limit', () => {
    const everyService = `{ topics(first: 100) { edges { node { name services(first: 500) { name } } } } }`;

    it('refuses a query whose lists multiply past the budget, before it runs, saying how to ask for less', async () => {
      const { status, body } = await ask(everyService);
      expect(status).toBe(400);
      expect(body.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/could return about \d+ values, more than the 50000 .* smaller first/),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', maxCost: QUERY_LIMITS.maxCost },
      });
    });

    it('counts a first given as a variable by its value', async () => {
      const query = `query ($n: Int) { topics(first: 100) { edges { node { services(first: $n) { name } } } } }`;
      expect((await ask(query, { n: 500 })).status).toBe(400);
      const { status, body } = await ask(query, { n: 5 });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
    });

    it("lets GraphiQL's own introspection query through, in development and in production with introspection on", async () => {
      const { body } = await ask(getIntrospectionQuery());
      expect(body.errors).toBeUndefined();
      expect(body.data.__schema.queryType.name).toBe('Query');
    });

    it('refuses a 30-level nested introspection query in every mode', async () => {
      // Type references nested 28 deep under __schema.types: graphql-js's own introspection rule counts only
      // fields, interfaces, possible types and input fields, so this shape needs the service's own limit.
      let nested = 'name';
      for (let i = 0; i < 28; i += 1) nested = `ofType { ${nested} }`;
      const deep = `{ __schema { types { ${nested} } } }`;
      const refused = async (target: RunningService) => {
        const { status, body } = await graphql(target, deep);
        expect(status).toBe(400);
        expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      };
      await refused(service());
      const production = await startTestService(testTarget(), {
        NODE_ENV: 'production',
        GRAPHQL_INTROSPECTION: 'true',
      });
      try {
        await refused(production);
        expect((await graphql(production, getIntrospectionQuery())).body.errors).toBeUndefined();
      } finally {
        await production.stop();
      }
    });
  });

  describe('pages', () => {
    /** Round trips of a public query asked for the first time, so the response cache cannot answer it. */
    const roundTrips = async (query: string) => {
      const response = await fetch(`${service().url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
      return Number(response.headers.get('x-db-round-trips'));
    };

    it('say whether more follow without counting the list, and count it when asked', async () => {
      const plain = await ask(`{ services(first: 2) { edges { node { name } } pageInfo { hasNextPage endCursor } } }`);
      expect(plain.body.errors).toBeUndefined();
      expect(plain.body.data.services.pageInfo.hasNextPage).toBe(true);
      const counted = await ask('{ services(first: 1) { totalCount } }');
      const total = counted.body.data.services.totalCount as number;
      expect(total).toBeGreaterThanOrEqual(SERVICES);
      // The last page knows it is the last without a count.
      const last = await ask(
        `query ($after: String) { services(first: 100, after: $after) { edges { node { name } } pageInfo { hasNextPage } } }`,
        { after: Buffer.from(`offset:${total - 3}`).toString('base64url') },
      );
      expect(last.body.data.services.edges).toHaveLength(2);
      expect(last.body.data.services.pageInfo.hasNextPage).toBe(false);
    });

    it('cost one query without totalCount, a second only with it', async () => {
      expect(await roundTrips('{ topics(first: 7) { edges { node { name } } } }')).toBe(1);
      expect(await roundTrips('{ topics(first: 8) { totalCount edges { node { name } } } }')).toBe(2);
    });

    it('of search say whether more follow whether or not the total is asked', async () => {
      const query = `{ search(topic: "${BIG_TOPIC}", first: 50) { TOTAL edges { node { ... on Service { name } } } pageInfo { hasNextPage } } }`;
      const without = await ask(query.replace('TOTAL', ''));
      const withTotal = await ask(query.replace('TOTAL', 'totalCount'));
      expect(without.body.errors).toBeUndefined();
      expect(without.body.data.search.pageInfo.hasNextPage).toBe(true);
      expect(withTotal.body.data.search).toMatchObject({ totalCount: SERVICES, pageInfo: { hasNextPage: true } });
      expect(without.body.data.search.edges).toEqual(withTotal.body.data.search.edges);
    });
  });

  describe('Open Referral UK services at locations', () => {
    it('pages every service-at-location in order, each once, with the total, one page at a time', async () => {
      const get = async (query: string) => (await fetch(`${service().url}/oruk/service_at_locations?${query}`)).json();
      const whole = (await get('per_page=100')) as { total_items: number; contents: { id: string }[] };
      expect(whole.total_items).toBeGreaterThan(1);
      expect(whole.contents).toHaveLength(Math.min(100, whole.total_items));
      const ids: string[] = [];
      for (let page = 1; page <= whole.total_items; page += 1) {
        const one = (await get(`per_page=1&page=${page}`)) as { total_items: number; contents: { id: string }[] };
        expect(one.total_items).toBe(whole.total_items);
        ids.push(...one.contents.map((c) => c.id));
      }
      expect(ids).toEqual(whole.contents.map((c) => c.id));
      expect(new Set(ids).size).toBe(ids.length);
    });
  });
});
