// Exports for analysis tools: any list as CSV with its GraphQL filters and order, and networks as GraphML and GEXF
// with every attribute typed, read back by real parsers (graphology-gexf's, and an XML DOM for GraphML's keys).
import { DOMParser } from '@xmldom/xmldom';
import { parse as parseGexf } from 'graphology-gexf';
import { UndirectedGraph } from 'graphology';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { nodeId } from '../../../schema/ids.js';
import { graphql, useSeededService } from '../../support/service.js';

const LONDON = nodeId('Programme', 'london-mecc-2017-18');
/** The attribute types networkx's read_graphml and igraph accept (and Gephi reads). */
const GRAPHML_TYPES = ['boolean', 'int', 'long', 'float', 'double', 'string'];

describe('exports for analysis tools', () => {
  const { service } = useSeededService();

  const get = (path: string) => fetch(`${service().url}${path}`);
  const refused = async (path: string) => {
    const response = await get(path);
    const body = (await response.json()) as { error: string; message: string };
    expect(response.status, `${path}: ${JSON.stringify(body)}`).toBe(400);
    expect(body.error).toBe('BAD_USER_INPUT');
    return body.message;
  };

  it('writes GraphML with every key declared and typed, every value of its type, the same network as the GEXF', async () => {
    const response = await get(`/networks/${LONDON}.graphml?depth=2`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphml\+xml/);
    const xml = await response.text();
    const errors: string[] = [];
    const doc = new DOMParser({
      errorHandler: (level: string, message: string) => errors.push(`${level}: ${message}`),
    }).parseFromString(xml, 'text/xml');
    expect(errors).toEqual([]);
    const keys = new Map<string, { for: string; type: string }>();
    for (const key of Array.from(doc.getElementsByTagName('key'))) {
      expect(GRAPHML_TYPES).toContain(key.getAttribute('attr.type'));
      expect(key.getAttribute('attr.name')).toBeTruthy();
      keys.set(key.getAttribute('id')!, { for: key.getAttribute('for')!, type: key.getAttribute('attr.type')! });
    }
    expect([...keys.keys()].sort()).toEqual([
      'demo',
      'key',
      'label',
      'organisationKind',
      'relationship',
      'role',
      'type',
    ]);
    for (const data of Array.from(doc.getElementsByTagName('data'))) {
      const key = keys.get(data.getAttribute('key')!);
      expect(key, data.getAttribute('key')!).toBeDefined();
      expect(key!.for).toBe((data.parentNode as Element).tagName);
      if (key!.type === 'boolean') expect(['true', 'false']).toContain(data.textContent);
    }
    const graphmlNodes = doc.getElementsByTagName('node').length;
    const gexf = parseGexf(UndirectedGraph, await (await get(`/networks/${LONDON}.gexf?depth=2`)).text());
    expect(graphmlNodes).toBe(gexf.order);
    expect(doc.getElementsByTagName('edge').length).toBe(gexf.size);
    // GEXF declares its attributes typed too: graphology's parser gives the demo flag back as a boolean.
    expect(typeof gexf.getNodeAttribute(LONDON, 'demo')).toBe('boolean');
    const london = Array.from(doc.getElementsByTagName('node')).find((n) => n.getAttribute('id') === LONDON)!;
    expect(london.textContent).toContain('London Making Every Contact Count');
  });

  const SERVICES = `query ($area: String, $orderBy: ServiceOrder) { services(area: $area, orderBy: $orderBy, first: 100) { edges { node { id name } } } }`;

  it('exports a list with the same filters and order as its GraphQL list, one column per value field', async () => {
    const response = await get('/exports/services.csv?area=E09000003&orderBy=NAME&direction=DESC');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="services.csv"');
    const rows = parseCsv(await response.text(), { columns: true }) as Record<string, string>[];
    const { body } = await graphql(service(), SERVICES, {
      area: 'E09000003',
      orderBy: { field: 'NAME', direction: 'DESC' },
    });
    const expected = body.data.services.edges.map((e: { node: { id: string; name: string } }) => e.node);
    expect(expected.length).toBeGreaterThan(1);
    expect(rows.map((r) => ({ id: r.id, name: r.name }))).toEqual(expected);
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['id', 'key', 'name']));
    // Lists of values in one cell; a list filter comma-separated.
    const events = await get('/exports/events.csv?status=PLANNED,HELD&from=2017-01&to=2019-12');
    expect(events.status, await events.clone().text()).toBe(200);
  });

  it('pages through a list longer than one GraphQL page', async () => {
    const response = await get('/exports/areas.csv');
    const rows = parseCsv(await response.text(), { columns: true }) as Record<string, string>[];
    const { body } = await graphql(service(), '{ areas { totalCount } }');
    expect(body.data.areas.totalCount).toBeGreaterThan(50); // more than one page of the export's
    expect(rows).toHaveLength(body.data.areas.totalCount);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it('sends a long list as it reads it, a page at a time, and stops reading when the client goes', async () => {
    // Streamed: no length known up front, so the service holds one page of rows at a time, not the whole list.
    const response = await get('/exports/areas.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const reader = response.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value).split('\n')[0]).toMatch(/^id,key,/);
    // A client that breaks off the download leaves the service answering the next one whole.
    await reader.cancel();
    const again = await get('/exports/areas.csv');
    const rows = parseCsv(await again.text(), { columns: true }) as Record<string, string>[];
    const { body } = await graphql(service(), '{ areas { totalCount } }');
    expect(rows).toHaveLength(body.data.areas.totalCount);
  });

  it('refuses bad filters with what to send instead, and changes nothing', async () => {
    expect(await refused('/exports/services.csv?colour=blue')).toMatch(
      /colour is not a filter of services: it takes area, programme, provider, topic, orderBy, direction\./,
    );
    expect(await refused('/exports/services.csv?retired=true')).toMatch(/with an analyst key/);
    expect(await refused('/exports/organisations.csv?kind=SPACESHIP')).toMatch(/SPACESHIP/);
    expect(await refused('/exports/services.csv?topic=no-such-topic')).toMatch(
      /topic "no-such-topic" names nothing in the graph/,
    );
    expect(await refused('/exports/events.csv?from=2018-04&to=2018-01')).toMatch(/runs backwards; swap them/);
    expect(await refused('/exports/services.csv?orderBy=DUE_DATE')).toMatch(/DUE_DATE/);
    expect(await refused('/exports/services.csv?direction=DESC')).toMatch(/direction needs orderBy/);
    expect(await refused('/exports/people.csv')).toMatch(/not an export: ask for one of \/exports\/organisations.csv/);
    expect(await refused('/exports/services.xlsx')).toMatch(/not an export/);
  });
});
