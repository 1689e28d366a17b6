// The Cypher's first words as a span names it: what the statement does, never a value.
import { describe, expect, it } from 'vitest';
import { statementSummary } from '../../../server/tracing/database.js';

describe('statementSummary', () => {
  it('keeps the first five words, whitespace and comments folded', () => {
    expect(
      statementSummary(
        '\n  // the programme and its partners\n  MATCH (p:Programme {key: $key})\n  OPTIONAL MATCH (p)<-[r]-(o)\n RETURN p',
      ),
    ).toBe('MATCH (p:Programme {key: $key}) OPTIONAL');
  });

  it('blanks string literals, the only place a value could be written into a statement', () => {
    expect(statementSummary(`MATCH (k {hash: 'abc123secret'}) RETURN k`)).toBe('MATCH (k {hash: ?}) RETURN');
    expect(statementSummary('CALL db.index.fulltext.queryNodes("searchText", $q)')).toBe(
      'CALL db.index.fulltext.queryNodes(?, $q)',
    );
  });

  it('cuts a long run of words at 80 characters', () => {
    const summary = statementSummary(`MATCH ${'x'.repeat(200)} RETURN 1`);
    expect(summary).toHaveLength(80);
    expect(summary.endsWith('…')).toBe(true);
  });
});
