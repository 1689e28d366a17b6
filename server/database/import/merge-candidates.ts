// Organisations an import would hold twice: one in the file shares a charity or company number or an ODS code with
// another (in the hub or earlier in the file). Reported for an admin to decide, never merged by the import.
import { ORGANISATION_IDENTIFIERS, type OrganisationIdentifier } from '../../../schema/concepts/index.js';
import { Label } from '../../../schema/graph.js';
import { nodeId } from '../../../schema/ids.js';
import type { NodeRecord } from '../../../schema/records.js';
import { nodeRef } from '../../../schema/validate.js';
import type { ConflictRecord, MergeCandidate } from './report.js';
import type { Tx } from './stored.js';

const KINDS = Object.keys(ORGANISATION_IDENTIFIERS) as OrganisationIdentifier[];
/** Identifiers the database keeps unique, whose second holder cannot be written. */
const UNIQUE: ReadonlySet<OrganisationIdentifier> = new Set(['odsCode']);

const recordOf = (node: NodeRecord): ConflictRecord => ({
  id: node.id ?? nodeId(node.label, node.key),
  label: node.label,
  key: node.key,
  ...(typeof node.properties.name === 'string' ? { name: node.properties.name } : {}),
});

interface Held {
  kind: OrganisationIdentifier;
  value: string;
  node: NodeRecord;
}

/**
 * The import's organisations that share an identifier with a different organisation, in the hub (`searchHub`: the
 * label holds any node) or earlier in the batch. Charity and company numbers are read in one pass over the label (an
 * organisation's identifiers are few, and no index is needed for one scan per import); ODS codes through their
 * constraint's index, one seek each.
 */
export async function findMergeCandidates(
  tx: Tx,
  nodes: readonly NodeRecord[],
  populated: ReadonlySet<Label>,
): Promise<MergeCandidate[]> {
  const held: Held[] = [];
  for (const node of nodes) {
    if (node.label !== Label.Organisation) continue;
    for (const kind of KINDS) {
      const value = node.properties[kind];
      if (typeof value === 'string' && value !== '') held.push({ kind, value, node });
    }
  }
  if (held.length === 0) return [];
  const candidates: MergeCandidate[] = [];
  const say = (h: Held, existing: ConflictRecord, existingIn: 'hub' | 'file') => {
    // Only against the hub: two in one file with one ODS code stay a mistake in the file, which the database refuses.
    const withheld = existingIn === 'hub' && UNIQUE.has(h.kind);
    const record = recordOf(h.node);
    candidates.push({
      origin: h.node.origin,
      record,
      identifier: h.kind,
      value: h.value,
      existing,
      existingIn,
      withheld,
      message:
        `${record.name ?? nodeRef(record.label, record.key)} in this file has ${ORGANISATION_IDENTIFIERS[h.kind]} ${h.value}, ` +
        `as ${existing.name ?? nodeRef(existing.label, existing.key)} ${existingIn === 'hub' ? 'already in the hub' : 'earlier in this file'}` +
        (withheld ? `; the ${ORGANISATION_IDENTIFIERS[h.kind]} stays with the latter until an admin merges them` : '') +
        '. Nothing was merged.',
    });
  };

  // Within the file: the first to hold a value keeps it; each later organisation with it is a candidate.
  const first = new Map<string, NodeRecord>();
  const inHub: Held[] = [];
  for (const h of held) {
    const seen = first.get(`${h.kind}|${h.value}`);
    if (seen === undefined) {
      first.set(`${h.kind}|${h.value}`, h.node);
      inHub.push(h);
    } else if (seen.key !== h.node.key) say(h, recordOf(seen), 'file');
  }
  if (!populated.has(Label.Organisation)) return candidates;

  const rows = (kinds: (k: OrganisationIdentifier) => boolean) =>
    inHub.filter((h) => kinds(h.kind)).map((h) => ({ kind: h.kind, value: h.value, key: h.node.key }));
  const found: { row: { kind: OrganisationIdentifier; value: string; key: string }; other: ConflictRecord }[] = [];
  const read = async (cypher: string, params: Record<string, unknown>) => {
    const result = await tx.run(cypher, params);
    for (const r of result.records)
      found.push({
        row: r.get('row'),
        other: {
          id: r.get('id'),
          label: Label.Organisation,
          key: r.get('key'),
          ...(r.get('name') ? { name: r.get('name') } : {}),
        },
      });
  };
  const ods = rows((k) => k === 'odsCode');
  if (ods.length > 0)
    await read(
      `UNWIND $rows AS row MATCH (o:${Label.Organisation} {odsCode: row.value}) WHERE o.key <> row.key
       RETURN row, o.id AS id, o.key AS key, o.name AS name`,
      { rows: ods },
    );
  const numbers = rows((k) => k !== 'odsCode');
  if (numbers.length > 0)
    await read(
      `MATCH (o:${Label.Organisation}) WHERE o.charityNumber IN $charities OR o.companyNumber IN $companies
       UNWIND [row IN $rows WHERE o[row.kind] = row.value AND o.key <> row.key] AS row
       RETURN row, o.id AS id, o.key AS key, o.name AS name`,
      {
        rows: numbers,
        charities: numbers.filter((r) => r.kind === 'charityNumber').map((r) => r.value),
        companies: numbers.filter((r) => r.kind === 'companyNumber').map((r) => r.value),
      },
    );
  for (const { row, other } of found) {
    const h = inHub.find((x) => x.kind === row.kind && x.value === row.value && x.node.key === row.key)!;
    say(h, other, 'hub');
  }
  return candidates;
}

/** The batch's nodes with each withheld identifier left off its record (the database would refuse a second holder). */
export function withoutWithheld(nodes: readonly NodeRecord[], candidates: readonly MergeCandidate[]): NodeRecord[] {
  const withheld = candidates.filter((c) => c.withheld);
  if (withheld.length === 0) return [...nodes];
  return nodes.map((node) => {
    const mine = withheld.filter((c) => c.record.label === node.label && c.record.key === node.key);
    if (mine.length === 0) return node;
    const properties = { ...node.properties };
    for (const c of mine) delete properties[c.identifier];
    return { ...node, properties };
  });
}
