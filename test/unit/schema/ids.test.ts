// Stable ids: the house's UUID v5 gives exactly the ids the uuid package's v5 gave, so no stored graph's ids change.
import { v5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { Label } from '../../../schema/graph.js';
import { nodeId, relationshipId } from '../../../schema/ids.js';

const NAMESPACE = '6f1c8e0a-3b8e-5d7a-9c2e-2a1f4b7d9e10';

describe('stable ids', () => {
  const keys = ['E09000003', 'london-mecc-2017-18', 'bromley-by-bow-café', 'ŵ-ɬ-文字-🚑', '', 'x'.repeat(5_000)];

  it("are the uuid package's version 5 ids of label and key, short, long and non-ASCII keys alike", () => {
    for (const key of keys) {
      expect(nodeId(Label.Organisation, key)).toBe(v5(`Organisation:${key}`, NAMESPACE));
      expect(nodeId(Label.Area, key)).toBe(v5(`Area:${key}`, NAMESPACE));
    }
    for (let i = 0; i < 2_000; i += 1) {
      const key = `gen-service-${i}-${'é'.repeat(i % 5)}`;
      expect(nodeId(Label.Service, key)).toBe(v5(`Service:${key}`, NAMESPACE));
    }
  });

  it("are the uuid package's version 5 ids of a link's type and ends", () => {
    for (const key of keys) {
      const from = { label: 'Service', key };
      const to = { label: 'Topic', key: 'smoking' };
      expect(relationshipId('SERVICE_TOPIC', from, to)).toBe(
        v5(`SERVICE_TOPIC:Service:${key}>Topic:smoking`, NAMESPACE),
      );
    }
  });

  it('are lower-case version 5, RFC 4122 variant UUIDs', () => {
    for (const key of keys)
      expect(nodeId(Label.Topic, key)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
