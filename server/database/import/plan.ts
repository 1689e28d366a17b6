// What an import will change, worked out from what the database holds before anything is written.
import type { Transaction } from 'neo4j-driver';
import { LABELS, type Label, type Rel } from '../../../schema/graph.js';
import {
  ImportValidationError,
  type GraphBatch,
  type ImportProblem,
  type NodeRecord,
  type NodeRef,
  type Properties,
  type RelationshipRecord,
} from '../../../schema/records.js';
import { nodeRef } from '../../../schema/validate.js';
import { ByNode, groupBy } from './batches.js';
import { count, emptyReport, type ImportReport } from './report.js';
import { clashingIds, existingNodes, existingRelationships, populatedLabels, type StoredNode } from './stored.js';

/** Before and after of the properties an import changes on an existing record. */
export interface Correction {
  nodeId: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface Plan {
  report: ImportReport;
  /** Nodes that exist already. */
  stored: ByNode<StoredNode>;
  creates: NodeRecord[];
  updates: NodeRecord[];
  /** Every existing record the import corrects, for the audit trail. */
  corrections: Correction[];
  /** Links with an end this import creates, which cannot exist yet: written with CREATE, never searched for. */
  newLinks: RelationshipRecord[];
  /** Links between existing nodes that are missing or differ: written with MERGE. */
  linkUpdates: RelationshipRecord[];
  /** How many of the batch's links join two nodes that exist already, whether or not they change. */
  linksBetweenStored: number;
}

/** True when every property the record gives already has that value in the database. */
function unchanged(given: Properties, stored: Record<string, unknown>): boolean {
  return Object.entries(given).every(
    ([name, value]) =>
      value === undefined ||
      (value === null ? stored[name] === undefined : JSON.stringify(stored[name]) === JSON.stringify(value)),
  );
}

/** A link's identity within one type: its ends' labels as well as keys, since a council and its borough share a code. */
const linkRef = (rel: RelationshipRecord) =>
  `${nodeRef(rel.from.label, rel.from.key)}>${nodeRef(rel.to.label, rel.to.key)}`;

/**
 * Reads what the batch's records and links are in the database, checks every link reaches a node in the batch or the
 * database and that no source id belongs to another record, and sorts the batch into what to create, update or leave.
 * Throws an ImportValidationError listing every problem.
 */
export async function planImport(tx: Transaction, batch: GraphBatch, dryRun: boolean): Promise<Plan> {
  const report = emptyReport(dryRun);
  const problems: ImportProblem[] = [];

  // Which nodes exist already, for the report and for links into reference data loaded earlier. A label with no
  // nodes at all (every label, on a first load) is not searched key by key.
  const inBatch = new ByNode<true>();
  for (const node of batch.nodes) inBatch.set(node.label, node.key, true);
  const endLabels = new Set<Label>();
  for (const rel of batch.relationships) endLabels.add(rel.from.label).add(rel.to.label);
  const populated = await populatedLabels(
    tx,
    LABELS.filter((label) => inBatch.keysOf(label) || endLabels.has(label)),
  );
  const wanted = new ByNode<true>();
  if (populated.size > 0) {
    for (const node of batch.nodes) if (populated.has(node.label)) wanted.set(node.label, node.key, true);
    for (const { from, to } of batch.relationships) {
      if (populated.has(from.label)) wanted.set(from.label, from.key, true);
      if (populated.has(to.label)) wanted.set(to.label, to.key, true);
    }
  }
  const stored = new ByNode<StoredNode>();
  for (const [label, keys] of wanted.entries()) {
    for (const [key, node] of await existingNodes(tx, label, [...keys.keys()])) stored.set(label, key, node);
  }

  const relationships: RelationshipRecord[] = [];
  const known = (end: NodeRef) => inBatch.has(end.label, end.key) || stored.has(end.label, end.key);
  for (const rel of batch.relationships) {
    if (known(rel.from) && known(rel.to)) {
      relationships.push(rel);
      continue;
    }
    const [from, to] = [nodeRef(rel.from.label, rel.from.key), nodeRef(rel.to.label, rel.to.key)];
    const missing = known(rel.from) ? to : from;
    if (rel.optional) report.skippedLinks.push({ link: `${from} ${rel.type} ${to}`, missing, origin: rel.origin });
    else {
      problems.push({
        file: rel.origin.file,
        row: rel.origin.row,
        field: rel.origin.field,
        message: `the ${rel.type} link names ${missing}, which is neither in this import nor in the database`,
        fix: 'check the label and key, or import the file that defines it in the same run or first',
      });
    }
  }
  if (problems.length > 0) throw new ImportValidationError(problems);

  // A source's own ids (Open Referral UK) must not already belong to a different record.
  for (const [label, group] of groupBy(
    batch.nodes.filter((n) => n.id !== undefined && populated.has(n.label)),
    (n) => n.label,
  )) {
    for (const clash of await clashingIds(
      tx,
      label as Label,
      group.map((n) => ({ key: n.key, id: n.id })),
    )) {
      const node = group.find((n) => n.key === clash.key)!;
      problems.push({
        file: node.origin.file,
        row: node.origin.row,
        field: 'id',
        message: `id ${clash.id} already belongs to ${label}/${clash.other}`,
        fix: "give this record its own id, or use the existing record's key",
      });
    }
  }
  if (problems.length > 0) throw new ImportValidationError(problems);

  const plan: Plan = {
    report,
    stored,
    creates: [],
    updates: [],
    corrections: [],
    newLinks: [],
    linkUpdates: [],
    linksBetweenStored: 0,
  };
  for (const node of batch.nodes) {
    const before = stored.get(node.label, node.key)?.props;
    const kind = before === undefined ? 'created' : unchanged(node.properties, before) ? 'unchanged' : 'updated';
    count(report.nodes, node.label, kind);
    if (kind === 'created') plan.creates.push(node);
    if (kind === 'updated' && before) {
      plan.updates.push(node);
      const changed = Object.keys(node.properties).filter(
        (k) => JSON.stringify(before[k]) !== JSON.stringify(node.properties[k]),
      );
      plan.corrections.push({
        nodeId: String(before.id),
        before: Object.fromEntries(changed.map((k) => [k, before[k] ?? null])),
        after: Object.fromEntries(changed.map((k) => [k, node.properties[k] ?? null])),
      });
    }
  }

  // A link with an end this import creates cannot exist yet; only the others need looking up. On a first load that
  // is nearly every link, so a large import does not spend its time proving links are new.
  const isNew = (rel: RelationshipRecord) =>
    !stored.has(rel.from.label, rel.from.key) || !stored.has(rel.to.label, rel.to.key);
  const elementIdOf = (end: NodeRef) => stored.get(end.label, end.key)!.elementId;
  const betweenStored = relationships.filter((rel) => !isNew(rel));
  plan.linksBetweenStored = betweenStored.length;
  for (const [type, group] of groupBy(betweenStored, (r) => r.type)) {
    const existing = await existingRelationships(
      tx,
      type as Rel,
      group.map((rel) => ({
        from: elementIdOf(rel.from),
        to: elementIdOf(rel.to),
        ref: linkRef(rel),
      })),
    );
    for (const rel of group) {
      const before = existing.get(linkRef(rel));
      const kind = before === undefined ? 'created' : unchanged(rel.properties, before) ? 'unchanged' : 'updated';
      count(report.relationships, rel.type, kind);
      if (kind !== 'unchanged') plan.linkUpdates.push(rel);
    }
  }
  for (const rel of relationships) {
    if (!isNew(rel)) continue;
    count(report.relationships, rel.type, 'created');
    plan.newLinks.push(rel);
  }
  return plan;
}

/** True when the plan writes anything at all. */
export function changesAnything(plan: Plan): boolean {
  return plan.creates.length + plan.updates.length + plan.newLinks.length + plan.linkUpdates.length > 0;
}
