// The Cypher's first words as a span names it: what the statement does, never a value; and the switch that turns traces on.
import { describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from '../../../server/config.js';
import { statementSummary } from '../../../server/tracing/database.js';

describe('OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('turns traces on with an http(s) address, and leaves them off unset', () => {
    expect(loadConfig({}).tracesEndpoint).toBeUndefined();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracesEndpoint).toBe(
      'http://collector:4318',
    );
  });

  it('refuses anything else at start-up, saying what to give, without showing the address', () => {
    for (const given of ['collector:4318', 'grpc://user:s3cret@collector:4317']) {
      let problems: readonly string[] = [];
      try {
        loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: given });
      } catch (error) {
        problems = (error as ConfigError).problems;
      }
      expect(problems).toEqual([
        expect.stringMatching(/^OTEL_EXPORTER_OTLP_ENDPOINT is not an http\(s\) address.*http:\/\/collector:4318/),
      ]);
      expect(problems.join()).not.toContain('s3cret');
    }
  });
});

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
