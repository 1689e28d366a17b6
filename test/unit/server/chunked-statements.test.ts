// A long list of records cut into statements of 2,000 at most, each unwinding its chunk, in every writer that needs it.
import { describe, expect, it } from 'vitest';
import { Label, Rel } from '../../../schema/graph.js';
import { areaScopeRefreshes, areaScopeRefreshesOf } from '../../../server/database/write/area-scope.js';
import { chunkedStatements, type Statement } from '../../../server/database/write/statement.js';
import { topicScopeRefreshes, topicScopeRefreshesOf } from '../../../server/database/write/topic-scope.js';

const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}`);

/** Each statement's rows and the values it unwinds, and that the values, read in order, are the whole list. */
function chunksOf(statements: Statement[]): { rows: number[]; values: unknown[] } {
  for (const statement of statements) {
    expect(statement.cypher).toMatch(/^UNWIND \$values AS /);
    expect(statement.rows).toBe((statement.params.values as unknown[]).length);
  }
  return { rows: statements.map((s) => s.rows), values: statements.flatMap((s) => s.params.values as unknown[]) };
}

describe('chunkedStatements', () => {
  it('cuts a list into statements of 2,000 values by default, in order, the last holding the rest', () => {
    const statements = chunkedStatements('UNWIND $values AS key RETURN key', keys(4_001));
    expect(chunksOf(statements)).toEqual({ rows: [2_000, 2_000, 1], values: keys(4_001) });
    expect(new Set(statements.map((s) => s.cypher))).toEqual(new Set(['UNWIND $values AS key RETURN key']));
  });

  it('takes another size, makes one statement for a list that fits and none for an empty list', () => {
    expect(chunksOf(chunkedStatements('UNWIND $values AS v RETURN v', keys(5), 2)).rows).toEqual([2, 2, 1]);
    expect(chunksOf(chunkedStatements('UNWIND $values AS v RETURN v', keys(2_000))).rows).toEqual([2_000]);
    expect(chunkedStatements('UNWIND $values AS v RETURN v', [])).toEqual([]);
    expect(() => chunkedStatements('UNWIND $values AS v RETURN v', keys(3), 0)).toThrow(RangeError);
  });
});

describe("the scope refreshes' chunks", () => {
  const services = keys(4_500).map((key) => ({ labels: [Label.Service], id: key }));

  it("refreshes a restore's records of each scoped label 2,000 at a time", () => {
    for (const refreshes of [areaScopeRefreshesOf(services), topicScopeRefreshesOf(services)])
      expect(chunksOf(refreshes)).toEqual({ rows: [2_000, 2_000, 500], values: keys(4_500) });
  });

  it("refreshes an import's linked records once each, 2,000 at a time", () => {
    const links = (type: Rel) => [...keys(4_500), 'k0'].map((key) => ({ type, from: { label: Label.Service, key } }));
    const available = links(Rel.AVAILABLE_IN).map((link) => ({ ...link, to: { key: 'barnet' } }));
    expect(chunksOf(areaScopeRefreshes(available))).toEqual({ rows: [2_000, 2_000, 500], values: keys(4_500) });
    expect(chunksOf(topicScopeRefreshes(links(Rel.ABOUT)))).toEqual({ rows: [2_000, 2_000, 500], values: keys(4_500) });
  });
});
