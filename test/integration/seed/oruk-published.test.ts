// Open Referral UK as published: organisations' identifiers imported, served and used to spot one organisation in two
// feeds (reported, never merged), and other taxonomies' terms kept as their feeds sent them, found by a topic once an
// admin maps them to it.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Label } from '../../../schema/graph.js';
import { nodeId } from '../../../schema/ids.js';
import { importBatch } from '../../../server/database/import/importer.js';
import type { RunningService } from '../../../server/service.js';
import { parseOruk } from '../../../seed/readers/oruk.js';
import { testTarget, useTestDatabase, wipe } from '../../support/database.js';
import { graphql, startTestService, TEST_ADMIN_TOKEN } from '../../support/service.js';

const PUBLISHED = 'test/fixtures/oruk/published';
const NORTH = { service: '5a1e6c2b-9d4f-4e8a-b1c3-2f7d0e9a1b01', organisation: '5a1e6c2b-9d4f-4e8a-b1c3-2f7d0e9a1c01' };
const SOUTH = { service: '5a1e6c2b-9d4f-4e8a-b1c3-2f7d0e9a1b02', organisation: '5a1e6c2b-9d4f-4e8a-b1c3-2f7d0e9a1c02' };
const LGA = '5a1e6c2b-9d4f-4e8a-b1c3-2f7d0e9a2001';
const CARERS_SUPPORT = '5a1e6c2b-9d4f-4e8a-b1c3-2f7d0e9a1f01';

describe('Open Referral UK identifiers and taxonomies as published', () => {
  const db = useTestDatabase();
  let service: RunningService;
  beforeAll(async () => {
    await wipe(db());
    service = await startTestService(testTarget(), { ADMIN_TOKEN: TEST_ADMIN_TOKEN });
    // One of our topics, for an admin to map a published term to.
    await importBatch(db(), {
      nodes: [{ label: Label.Topic, key: 'carers', properties: { name: 'Carers' }, origin: { file: 'topics' } }],
      relationships: [],
    });
  });
  afterAll(async () => service?.stop());

  const post = async (file: string, fields: Record<string, string> = {}) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([await readFile(`${PUBLISHED}/${file}`, 'utf8')]), `feeds/${file}`);
    const response = await fetch(`${service.url}/admin/api/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const oruk = async (path: string) => (await (await fetch(`${service.url}/oruk${path}`)).json()) as any;
  const admin = async (query: string, variables: Record<string, unknown> = {}) =>
    (await graphql(service, query, variables, TEST_ADMIN_TOKEN)).body;
  const ids = (page: { contents: { id: string }[] }) => page.contents.map((c) => c.id).sort();

  it('imports identifiers onto the organisation, serves them in GraphQL and back in /oruk, and reads them again', async () => {
    const imported = await post('north-feed.json');
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.mergeCandidates).toEqual([]);
    // The company number, sent without its leading zero, is kept as Companies House writes it.
    const { data } = await admin(
      'query ($id: ID!) { node(id: $id) { ... on Organisation { charityNumber companyNumber otherIdentifiers } } }',
      { id: NORTH.organisation },
    );
    expect(data.node).toEqual({
      charityNumber: '1089323',
      companyNumber: '04198466',
      otherIdentifiers: ['XI-GRID:grid.0000.1'],
    });

    const served = await oruk(`/services/${NORTH.service}`);
    const identifiers = served.organization.organization_identifiers.map((i: any) => [
      i.identifier_scheme,
      i.identifier_type,
      i.identifier,
      i.organization_id,
    ]);
    expect(identifiers).toEqual([
      ['GB-CHC', 'Charity number', '1089323', NORTH.organisation],
      ['GB-COH', 'Company number', '04198466', NORTH.organisation],
      ['XI-GRID', 'XI-GRID', 'grid.0000.1', NORTH.organisation],
    ]);
    // What the feed serves is a feed the reader takes again, with the same identifiers.
    const again = parseOruk('served.json', served).nodes.find((n) => n.label === Label.Organisation);
    expect(again?.properties).toMatchObject({
      charityNumber: '1089323',
      companyNumber: '04198466',
      otherIdentifiers: ['XI-GRID:grid.0000.1'],
    });
  });

  it('reports an organisation with a charity number already in the hub as a merge candidate, and merges nothing', async () => {
    const preview = await post('south-feed.json', { dryRun: 'true' });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const expected = {
      file: 'feeds/south-feed.json',
      row: 1,
      record: expect.objectContaining({ id: SOUTH.organisation, label: 'Organisation', name: 'Northbridge Carers' }),
      identifier: 'charityNumber',
      value: '1089323',
      existing: expect.objectContaining({ id: NORTH.organisation, name: 'Northbridge Carers Centre' }),
      existingIn: 'hub',
      withheld: false,
      message:
        'Northbridge Carers in this file has charity number 1089323, as Northbridge Carers Centre already in the hub. Nothing was merged.',
    };
    expect(preview.body.mergeCandidates).toEqual([expected]);

    const applied = await post('south-feed.json');
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.mergeCandidates).toEqual([expected]);
    const holders = await db().run(
      'MATCH (o:Organisation {charityNumber: "1089323"}) OPTIONAL MATCH (s:Service)-[:PROVIDED_BY]->(o) RETURN o.id AS id, collect(s.id) AS services ORDER BY id',
    );
    expect(holders.records.map((r) => [r.get('id'), r.get('services')])).toEqual([
      [NORTH.organisation, [NORTH.service]],
      [SOUTH.organisation, [SOUTH.service]],
    ]);
  });

  it('keeps an ODS code with the organisation that has it, and reports the other, rather than failing the import', async () => {
    await importBatch(db(), {
      nodes: [
        {
          label: Label.Organisation,
          key: 'RJ1',
          properties: { name: "Guy's and St Thomas'", kind: 'NHS_TRUST', odsCode: 'RJ1' },
          origin: { file: 'ods.csv', row: 1 },
        },
      ],
      relationships: [],
    });
    const feed = [
      {
        id: '5a1e6c2b-9d4f-4e8a-b1c3-2f7d0e9a1b03',
        name: 'Stop smoking clinic',
        status: 'active',
        organization: {
          id: '5a1e6c2b-9d4f-4e8a-b1c3-2f7d0e9a1c03',
          name: "Guy's and St Thomas' NHS Foundation Trust",
          description: 'An NHS trust.',
          organization_identifiers: [
            { id: '5a1e6c2b-9d4f-4e8a-b1c3-2f7d0e9a1d21', identifier_type: 'ODS code', identifier: 'rj1' },
          ],
        },
        attributes: [],
      },
    ];
    const report = await importBatch(db(), parseOruk('trust-feed.json', feed));
    expect(report.mergeCandidates).toEqual([
      expect.objectContaining({ identifier: 'odsCode', value: 'RJ1', existingIn: 'hub', withheld: true }),
    ]);
    expect(report.mergeCandidates[0]?.message).toMatch(/has ODS code RJ1, as Guy's and St Thomas' already in the hub/);
    const trusts = await db().run('MATCH (o:Organisation) WHERE o.name STARTS WITH "Guy" RETURN o.odsCode AS ods');
    expect(trusts.records.map((r) => r.get('ods')).sort()).toEqual(['RJ1', null]);
  });

  it('keeps terms in their own taxonomy as published, and serves them beside our topics', async () => {
    const taxonomies = await oruk('/taxonomies');
    expect(taxonomies.contents.map((t: any) => t.name)).toEqual(['Partnership Hub topics', 'LGA Service Types']);
    const lga = await oruk(`/taxonomies/${LGA}`);
    expect(lga).toMatchObject({ id: LGA, name: 'LGA Service Types' });
    expect(lga.taxonomy_terms).toEqual([
      {
        id: CARERS_SUPPORT,
        name: "Carers' support",
        description: 'Support for people who look after someone.',
        parent_id: '5a1e6c2b-9d4f-4e8a-b1c3-2f7d0e9a1f00',
        taxonomy: 'LGA Service Types',
        taxonomy_id: LGA,
        term_uri: 'https://example.org/service-types/1284',
        term: '1284',
      },
      expect.objectContaining({ name: 'Respite care', term: '1290', taxonomy_id: LGA }),
    ]);
    const terms = await oruk('/taxonomy_terms?per_page=100');
    expect(terms.contents.map((t: any) => [t.name, t.taxonomy])).toEqual([
      ['Carers', 'Partnership Hub topics'],
      ["Carers' support", 'LGA Service Types'],
      ['Respite care', 'LGA Service Types'],
    ]);
    expect(await oruk(`/taxonomy_terms/${CARERS_SUPPORT}`)).toEqual(lga.taxonomy_terms[0]);
    const served = await oruk(`/services/${NORTH.service}`);
    expect(served.attributes.map((a: any) => a.taxonomy_term)).toEqual([lga.taxonomy_terms[0]]);
    expect(ids(await oruk(`/services?taxonomy_id=${LGA}`))).toEqual([NORTH.service, SOUTH.service].sort());
    const { data } = await admin(
      'query ($id: ID!) { node(id: $id) { ... on Service { taxonomyTerms { name code taxonomy } } } }',
      {
        id: SOUTH.service,
      },
    );
    expect(data.node.taxonomyTerms).toEqual([{ name: 'Respite care', code: '1290', taxonomy: 'LGA Service Types' }]);
  });

  it("finds a term's services by the topic an admin maps it to, and no longer once the mapping is removed", async () => {
    const topic = nodeId(Label.Topic, 'carers');
    const byTopic = async () => ({
      search: (
        await admin('{ search(topic: "carers", kinds: [SERVICE]) { edges { node { ... on Service { id } } } } }')
      ).data.search.edges.map((e: any) => e.node.id),
      services: (await admin('{ services(topic: "carers") { edges { node { id } } } }')).data.services.edges.map(
        (e: any) => e.node.id,
      ),
      oruk: ids(await oruk(`/services?taxonomy_term_id=${topic}`)),
    });
    expect(await byTopic()).toEqual({ search: [], services: [], oruk: [] });

    const link = await admin('mutation ($from: ID!, $to: ID!) { linkRecords(type: MAPPED_TO, from: $from, to: $to) }', {
      from: CARERS_SUPPORT,
      to: topic,
    });
    expect(link.errors, JSON.stringify(link.errors)).toBeUndefined();
    expect(await byTopic()).toEqual({ search: [NORTH.service], services: [NORTH.service], oruk: [NORTH.service] });
    const { data } = await admin('query ($id: ID!) { node(id: $id) { ... on Topic { taxonomyTerms { id } } } }', {
      id: topic,
    });
    expect(data.node.taxonomyTerms).toEqual([{ id: CARERS_SUPPORT }]);

    await admin('mutation ($from: ID!, $to: ID!) { unlinkRecords(type: MAPPED_TO, from: $from, to: $to) }', {
      from: CARERS_SUPPORT,
      to: topic,
    });
    expect(await byTopic()).toEqual({ search: [], services: [], oruk: [] });
  });
});
