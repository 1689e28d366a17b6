// Open Referral UK 3.0 conformance: every endpoint's responses validate against the standard's compiled schemas,
// and each filter brings back a service taken from the feed itself.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { useSeededService } from '../support/service.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const REMOTE = 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema';
const local = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../schema/oruk/${name}`, import.meta.url), 'utf8')) as Record<string, any>;

function validators() {
  // The schemas carry documentation keywords (constraints, core, example, ...) that strict mode would reject.
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  const openapi = local('openapi.json');
  const service = local('service.json');
  // The standard's `$ref`s name absolute URLs; these are the local copies they stand for.
  ajv.addSchema(service, `${REMOTE}/compiled/service.json`);
  ajv.addSchema(local('service_list.json'), `${REMOTE}/compiled/service_list.json`);
  ajv.addSchema(local('service_at_location.json'), `${REMOTE}/compiled/service_at_location.json`);
  ajv.addSchema(local('service_at_location_list.json'), `${REMOTE}/compiled/service_at_location_list.json`);
  // taxonomy_term.json is not among the compiled files; the service schema embeds the same definition.
  const term = service.properties.attributes.items.properties.taxonomy_term;
  ajv.addSchema(term, `${REMOTE}/taxonomy_term.json`);
  const envelope = (item: string): ValidateFunction =>
    ajv.compile({
      allOf: [openapi.components.schemas.Page],
      required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
      properties: { contents: { type: 'array', items: { $ref: item } } },
    });
  return {
    root: ajv.compile({
      ...openapi.paths['/'].get.responses['200'].content['application/json'].schema,
      required: ['version', 'profile', 'openapi_url'],
    }),
    servicePage: envelope(`${REMOTE}/compiled/service_list.json`),
    service: ajv.getSchema(`${REMOTE}/compiled/service.json`)!,
    salPage: envelope(`${REMOTE}/compiled/service_at_location_list.json`),
    sal: ajv.getSchema(`${REMOTE}/compiled/service_at_location.json`)!,
    termPage: envelope(`${REMOTE}/taxonomy_term.json`),
    term: ajv.getSchema(`${REMOTE}/taxonomy_term.json`)!,
  };
}

function expectValid(validate: ValidateFunction, body: unknown): void {
  const ok = validate(body);
  expect(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
  // Optional fields are left out rather than sent as null.
  expect(JSON.stringify(body)).not.toMatch(/:null[,}]/);
}

describe('the Open Referral UK 3.0 feed', () => {
  const { service } = useSeededService();
  const v = validators();

  const get = async (path: string) => {
    const response = await fetch(`${service().url}/oruk${path}`);
    return {
      status: response.status,
      cors: response.headers.get('access-control-allow-origin'),
      body: (await response.json()) as any,
    };
  };
  const ids = (body: { contents: { id: string }[] }) => body.contents.map((c) => c.id);

  it("uses validators that can fail: the official validator's failing fixture is refused, its passing one accepted", () => {
    const fixture = (kind: string) =>
      JSON.parse(
        readFileSync(
          new URL(`../fixtures/oruk/validator-fixtures/V3.0-UK-${kind}/service_full.json`, import.meta.url),
          'utf8',
        ),
      );
    expect(v.service(fixture('Fail'))).toBe(false);
    expect(v.service(fixture('Default')), JSON.stringify(v.service.errors?.slice(0, 3))).toBe(true);
    expect(v.service({ id: '3f2c7a1e-0000-4000-8000-000000000000', name: 'No status' })).toBe(false);
  });

  it('describes itself at / and serves its OpenAPI description, open to any origin', async () => {
    const root = await get('/');
    expect(root.cors).toBe('*');
    expectValid(v.root, root.body);
    expect(root.body.version).toBe('HSDS-UK-3.0');
    expect((await fetch(root.body.openapi_url)).status).toBe(200);
  });

  it('lists services in the page envelope, and every service in full, valid against the schemas', async () => {
    const list = await get('/services?per_page=100');
    expectValid(v.servicePage, list.body);
    expect(list.body.total_items).toBe(7);
    for (const id of ids(list.body)) {
      const full = await get(`/services/${id}`);
      expect(full.cors).toBe('*');
      expectValid(v.service, full.body);
    }
    const paged = await get('/services?per_page=3&page=3');
    expect(paged.body).toMatchObject({
      page_number: 3,
      size: 1,
      total_pages: 3,
      first_page: false,
      last_page: true,
      empty: false,
    });
  });

  it('lists services at locations and each one in full, valid against the schemas', async () => {
    const list = await get('/service_at_locations?per_page=50');
    expectValid(v.salPage, list.body);
    expect(list.body.total_items).toBe(5);
    for (const id of ids(list.body)) expectValid(v.sal, (await get(`/service_at_locations/${id}`)).body);
  });

  it('lists the taxonomy and its terms (the topics), valid against the schemas', async () => {
    const terms = await get('/taxonomy_terms?per_page=100');
    expectValid(v.termPage, terms.body);
    expect(terms.body.total_items).toBe(9);
    expectValid(v.term, (await get(`/taxonomy_terms/${terms.body.contents[0].id}`)).body);
    const taxonomies = await get('/taxonomies');
    expect(taxonomies.body.contents).toHaveLength(1);
    const taxonomy = await get(`/taxonomies/${taxonomies.body.contents[0].id}`);
    expect(taxonomy.body.taxonomy_terms).toHaveLength(9);
  });

  it('brings a service back by each filter taken from the feed, and filters combine with AND', async () => {
    const list = await get('/services?per_page=100');
    const summary = list.body.contents.find((s: { name: string }) => /London Bridge/.test(s.name));
    const full = (await get(`/services/${summary.id}`)).body;
    const term = full.attributes[0].taxonomy_term;
    expect(ids((await get('/services?search=London%20Bridge')).body)).toContain(full.id);
    expect(ids((await get(`/services?taxonomy_term_id=${term.id}`)).body)).toContain(full.id);
    expect(ids((await get(`/services?taxonomy_id=${term.taxonomy_id}&per_page=100`)).body)).toContain(full.id);
    expect(ids((await get(`/services?minimum_age=${full.minimum_age}&per_page=100`)).body)).toContain(full.id);
    expect(ids((await get(`/services?minimum_age=${full.minimum_age + 1}&per_page=100`)).body)).not.toContain(full.id);
    const near = await get('/service_at_locations?postcode=SE1%202DL&proximity=1000');
    expect(near.body.contents.map((c: { service_id: string }) => c.service_id)).toEqual([full.id]);
    expect(
      (await get('/service_at_locations?postcode=SE1%202DL')).body.contents.map(
        (c: { service_id: string }) => c.service_id,
      ),
    ).toEqual([full.id]);
    const otherTerm = (await get('/taxonomy_terms?per_page=100')).body.contents.find(
      (t: { id: string }) => t.id !== term.id,
    );
    expect(ids((await get(`/services?search=London%20Bridge&taxonomy_term_id=${otherTerm.id}`)).body)).toEqual([]);
  });

  it('answers bad parameters with 400 and unknown ids with 404', async () => {
    for (const path of [
      '/services?page=0',
      '/services?per_page=1000',
      '/services?taxonomy_term_id=nope',
      '/services/not-a-uuid',
      '/service_at_locations?postcode=nowhere',
      '/service_at_locations?proximity=100',
      '/services?minimum_age=old',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(response.body.message, path).toBeTruthy();
    }
    expect((await get('/services/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get('/taxonomy_terms/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('gives each answer a strong ETag and answers a matching If-None-Match with 304 and no body', async () => {
    const url = (path: string) => `${service().url}/oruk${path}`;
    const first = await fetch(url('/services?per_page=3'));
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const body = await first.text();

    const again = await fetch(url('/services?per_page=3'), { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('access-control-allow-origin')).toBe('*');
    // Among others, and weakly compared as RFC 9110 asks for GET; a tag that is not this answer's gets the answer.
    for (const given of [`"other", ${etag}`, `W/${etag}`])
      expect((await fetch(url('/services?per_page=3'), { headers: { 'if-none-match': given } })).status).toBe(304);
    const stale = await fetch(url('/services?per_page=3'), { headers: { 'if-none-match': '"other"' } });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe(body);

    // Another page is another answer, and the OpenAPI description has its own; refusals carry none.
    const next = await fetch(url('/services?per_page=3&page=2'), { headers: { 'if-none-match': etag! } });
    expect(next.status).toBe(200);
    expect(next.headers.get('etag')).not.toBe(etag);
    const openapi = await fetch(url('/openapi.json'));
    const described = await fetch(url('/openapi.json'), { headers: { 'if-none-match': openapi.headers.get('etag')! } });
    expect(described.status).toBe(304);
    for (const path of ['/services?page=0', '/services/00000000-0000-4000-8000-000000000000']) {
      const refused = await fetch(url(path), { headers: { 'if-none-match': '*' } });
      expect(refused.status, path).toBeGreaterThanOrEqual(400);
      expect(refused.headers.get('etag'), path).toBeNull();
    }
  });
});
