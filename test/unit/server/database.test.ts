// Which connections keep bookmarks for their reads: only those routed among a cluster's servers need them.
import { describe, expect, it } from 'vitest';
import { routesToACluster } from '../../../server/database/database.js';

describe('routesToACluster', () => {
  it.each([
    ['neo4j://db.example:7687', true],
    ['neo4j+s://db.example', true],
    ['NEO4J+SSC://db.example', true],
    ['bolt://127.0.0.1:7687', false],
    ['bolt+s://db.example', false],
  ])('%s: %s', (uri, routed) => {
    expect(routesToACluster(uri)).toBe(routed);
  });
});
