// Stable ids: the house's UUID v5 gives exactly the ids the uuid package's v5 gave, so no stored graph's ids change.
import { v5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { organisationIdentifiers } from '../../../server/oruk/published.js';
import { Label } from '../../../schema/graph.js';
import { nodeId, relationshipId, uuidV5 } from '../../../schema/ids.js';
import { taxonomyIdOf } from '../../../seed/readers/oruk.js';

const NAMESPACE = '6f1c8e0a-3b8e-5d7a-9c2e-2a1f4b7d9e10';
/** The namespaces of ids Open Referral UK's feed publishes: an identifier entry's, and a taxonomy's named in a feed. */
const IDENTIFIER_NAMESPACE = '0d3f5c1e-7a43-5b9e-8f21-6c4e2b9a7d03';
const FEED_TAXONOMY_NAMESPACE = 'a4f0e3a6-8a3b-5d0e-9a49-0c5b5e7f7a51';
/** Our taxonomy's id, the namespace of the feed's link records (server/oruk/mapping.ts). */
const LINK_NAMESPACE = v5('Topic:taxonomy:partnership-hub-topics', NAMESPACE);

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

describe('uuidV5(name, namespace)', () => {
  const names = [
    'identifier:E09000003|Charity number|1234567',
    'taxonomy:snomed',
    'café-文字-🚑',
    '',
    'x'.repeat(5_000),
  ];
  const namespaces = [NAMESPACE, IDENTIFIER_NAMESPACE, FEED_TAXONOMY_NAMESPACE, LINK_NAMESPACE];

  it("is the uuid package's v5 in every namespace the house uses, taken in turn or mixed", () => {
    for (const namespace of namespaces)
      for (const name of names) expect(uuidV5(name, namespace)).toBe(v5(name, namespace));
    // Each name in each namespace, one after another: a namespace's bytes must never be left from the one before.
    for (const name of names)
      for (const namespace of namespaces) expect(uuidV5(name, namespace)).toBe(v5(name, namespace));
  });

  it('reads a namespace written in capitals as the same namespace', () => {
    expect(uuidV5('taxonomy:snomed', FEED_TAXONOMY_NAMESPACE.toUpperCase())).toBe(
      v5('taxonomy:snomed', FEED_TAXONOMY_NAMESPACE),
    );
  });

  it('refuses a namespace that is not a UUID, naming it', () => {
    expect(() => uuidV5('x', 'not-a-namespace')).toThrow(/"not-a-namespace" is not a UUID/);
    expect(() => uuidV5('x', `${NAMESPACE}0`)).toThrow(TypeError);
  });

  it("gives the feed's identifier entries and named taxonomies the ids they had", () => {
    const [charity] = organisationIdentifiers({ id: 'org-1', charityNumber: '1234567' });
    expect(charity?.id).toBe(v5('identifier:org-1|Charity number|1234567', IDENTIFIER_NAMESPACE));
    expect(taxonomyIdOf({ taxonomy: ' SNOMED ' })).toBe(v5('taxonomy:snomed', FEED_TAXONOMY_NAMESPACE));
  });
});
