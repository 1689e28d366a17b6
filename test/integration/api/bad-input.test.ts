// Analysts' mistakes told as BAD_USER_INPUT with the fix (issue 22): unknown enum values, in the query or its variables,
// inverted date ranges and cursors from another list; each changes nothing.
import { describe, expect, it } from 'vitest';
import { nodeId } from '../../../schema/ids.js';
import { graphql, TEST_ADMIN_TOKEN, useSeededService } from '../../support/service.js';

describe("analysts' bad input", () => {
  const { db, service } = useSeededService({ env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN } });

  /** The one error of a refused request: a whole request refused before it runs is a 400, a field's refusal a 200. */
  const refusal = async (text: string, variables: Record<string, unknown> = {}, key?: string, whole = true) => {
    const { status, body } = await graphql(service(), text, variables, key);
    expect(body.errors, text).toHaveLength(1);
    expect(body.errors?.[0]?.extensions?.code, JSON.stringify(body.errors)).toBe('BAD_USER_INPUT');
    expect(status).toBe(whole ? 400 : 200);
    return body.errors![0] as { message: string; extensions: Record<string, unknown> };
  };

  it('names the argument, the value and the values allowed for an unknown enum value in the query', async () => {
    const kind = await refusal('{ organisations(kind: COUNCIL) { totalCount } }');
    expect(kind.message).toMatch(
      /^kind of organisations is COUNCIL, not a value of OrganisationKind: give one of .*LOCAL_AUTHORITY.*\.$/,
    );
    expect(kind.extensions).toMatchObject({ argument: 'kind', value: 'COUNCIL' });
    expect(kind.extensions.allowed).toContain('ICB');
    // Inside an input object and a list, and a value quoted as a string where a bare name belongs.
    expect((await refusal('{ services(orderBy: { field: POPULARITY }) { totalCount } }')).message).toMatch(
      /orderBy\.field of services is POPULARITY, not a value of ServiceOrderField: give one of NAME, DEGREE, LAST_MODIFIED\./,
    );
    expect((await refusal('{ search(kinds: [SERVICE, PROGRAM]) { totalCount } }')).message).toMatch(
      /kinds of search is PROGRAM, not a value of SearchKind: give one of .*PROGRAMME/,
    );
    expect((await refusal('{ organisations(kind: "ICB") { totalCount } }')).message).toMatch(
      /kind of organisations is "ICB", not a value of OrganisationKind: .*\(without quotes\)/,
    );
    const nested = await refusal(
      `{ programme(key: "barnet-immunisation-2017-18") { actionsConnection(status: [DONE]) { totalCount } } }`,
    );
    expect(nested.message).toMatch(/status of actionsConnection is DONE, not a value of ActionStatus: give one of/);
  });

  it('names the variable, the argument it is passed to and the values allowed for one sent in variables', async () => {
    const kind = await refusal('query ($k: OrganisationKind) { organisations(kind: $k) { totalCount } }', {
      k: 'COUNCIL',
    });
    expect(kind.message).toMatch(
      /^\$k \(kind of organisations\) is "COUNCIL", not a value of OrganisationKind: give one of .*LOCAL_AUTHORITY/,
    );
    expect(kind.extensions).toMatchObject({ argument: 'kind', variable: 'k', value: 'COUNCIL' });
    const order = await refusal('query ($o: ServiceOrder) { services(orderBy: $o) { totalCount } }', {
      o: { field: 'POPULARITY' },
    });
    expect(order.message).toMatch(
      /^\$o at o\.field \(orderBy of services\) is "POPULARITY", not a value of ServiceOrderField: give one of NAME/,
    );
    expect(
      (await refusal('query ($kinds: [SearchKind!]) { search(kinds: $kinds) { totalCount } }', { kinds: ['PROGRAM'] }))
        .message,
    ).toMatch(/\$kinds at kinds\[0\] \(kinds of search\) is "PROGRAM", not a value of SearchKind/);
  });

  it('refuses an unknown enum value in a mutation, and changes nothing', async () => {
    const before = await db().run('MATCH (n) RETURN count(n) AS n');
    const error = await refusal(
      'mutation ($kind: RecordKind!) { createRecord(key: "bad-kind", kind: $kind, properties: { name: "Bad kind" }) { id } }',
      { kind: 'ORGANISATIONS' },
      TEST_ADMIN_TOKEN,
    );
    expect(error.message).toMatch(
      /^\$kind \(kind of createRecord\) is "ORGANISATIONS", not a value of RecordKind: give one of .*Organisation/,
    );
    const after = await db().run('MATCH (n) RETURN count(n) AS n');
    expect(Number(after.records[0]!.get('n'))).toBe(Number(before.records[0]!.get('n')));
  });

  it('refuses inverted date ranges and cursors from another list, saying how to fix them', async () => {
    const events = await refusal('{ events(from: "2018-05", to: "2018-01") { totalCount } }', {}, undefined, false);
    expect(events.message).toMatch(/from \(2018-05\) is after to \(2018-01\).*swap/);
    const actions = await refusal(
      '{ programme(key: "barnet-immunisation-2017-18") { actionsConnection(dueFrom: "2018-03-31", dueTo: "2018-03-01") { totalCount } } }',
      {},
      undefined,
      false,
    );
    expect(actions.message).toMatch(/dueFrom \(2018-03-31\) is after dueTo \(2018-03-01\)/);
    const changes = await refusal(
      '{ changesBetween(from: "2024-02-01", to: "2024-01-01") { total } }',
      {},
      TEST_ADMIN_TOKEN,
      false,
    );
    expect(changes.message).toMatch(/from .* is after to/);
    const { body } = await graphql(service(), '{ programmes(first: 1) { pageInfo { endCursor } } }');
    const cursor = body.data.programmes.pageInfo.endCursor;
    expect(
      (await refusal('query ($c: String) { resources(after: $c) { totalCount } }', { c: cursor }, undefined, false))
        .message,
    ).toMatch(/after is a cursor of programmes ordered by NAME ASC, not of resources/);
    const barnet = nodeId('Organisation', 'E09000003');
    expect(
      (
        await refusal(
          'query ($id: ID!, $c: String) { node(id: $id) { ... on Organisation { servicesConnection(before: $c) { totalCount } } } }',
          { id: barnet, c: cursor },
          undefined,
          false,
        )
      ).message,
    ).toMatch(/before is a cursor of programmes .* not of Organisation\.servicesConnection/);
  });
});
