// The local Neo4j loads APOC core, which the standard GraphQL library for Neo4j (the benchmark's baseline) calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Database } from '../../../server/database/database.js';
import { testTarget } from '../../support/database.js';

describe('APOC core in the local Neo4j', () => {
  let db: Database;
  beforeAll(() => {
    db = connect(testTarget());
  });
  afterAll(async () => {
    await db.close();
  });

  it('is loaded, in a 5.26 release to match Neo4j 5.26', async () => {
    const result = await db.run<{ apoc: string; neo4j: string[] }>(
      'CALL dbms.components() YIELD versions RETURN apoc.version() AS apoc, versions AS neo4j',
    );
    const { apoc, neo4j } = result.records[0]!.toObject();
    expect(apoc).toMatch(/^5\.26\./);
    expect(neo4j[0]).toMatch(/^5\.26\./);
  });

  it('answers the functions @neo4j/graphql calls, without unrestricted access', async () => {
    const result = await db.run(
      "RETURN apoc.util.validatePredicate(false, 'never raised', []) AS valid, apoc.date.convertFormat('2018-03-31', 'date', 'basic_date') AS date",
    );
    expect(result.records[0]!.toObject()).toEqual({ valid: true, date: '20180331' });
    await expect(
      db.run("RETURN apoc.util.validatePredicate(true, 'refused: %s', ['reason']) AS valid"),
    ).rejects.toThrow(/refused: reason/);
  });
});
