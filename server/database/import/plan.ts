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
import { correctedNames, unlinkedRef, unlinkedRefs } from '../write/corrections.js';
import { ByNode, groupBy } from './batches.js';
import { findMergeCandidates, withoutWithheld } from './merge-candidates.js';
import { count, emptyReport, type ImportConflict, type ImportReport } from './report.js';
import { clashingIds, existingNodes, existingRelationships, populatedLabels, type StoredNode } from './stored.js';

/** Before and after of the properties an import changes on an existing record. */
export interface Correction {
  nodeId: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** A record to update, with the properties whose admin's mark it clears (the file's value preferred). */
export type NodeUpdate = NodeRecord & { cleared?: readonly string[] };

/**
 * A link to write between existing records, with the admin's marks it clears on the link and on its start, and (a
 * link that exists already, for the audit trail) its changed properties' values before.
 */
export type LinkUpdate = RelationshipRecord & {
  cleared?: readonly string[];
  unlinked?: readonly string[];
  before?: Record<string, unknown>;
};

export interface Plan {
  report: ImportReport;
  /** Nodes that exist already. */
  stored: ByNode<StoredNode>;
  creates: NodeRecord[];
  updates: NodeUpdate[];
  /** Every existing record the import corrects, for the audit trail. */
  corrections: Correction[];
  /** Links with an end this import creates, which cannot exist yet: written with CREATE, never searched for. */
  newLinks: RelationshipRecord[];
  /** Links between existing nodes that are missing or differ: written with MERGE. */
  linkUpdates: LinkUpdate[];
  /** How many of the batch's links join two nodes that exist already, whether or not they change. */
  linksBetweenStored: number;
}

/** True when the file's value (undefined: not given; null: absent) differs from the stored one. */
function differs(given: unknown, stored: unknown): boolean {
  if (given === undefined) return false;
  if (given === null) return stored !== undefined && stored !== null;
  return JSON.stringify(stored) !== JSON.stringify(given);
}

/** The properties given that differ from what is stored. */
const changedNames = (given: Properties, stored: Record<string, unknown>) =>
  Object.keys(given).filter((name) => differs(given[name], stored[name]));

const pick = (values: Readonly<Record<string, unknown>>, names: readonly string[]) =>
  Object.fromEntries(names.map((name) => [name, values[name] ?? null]));

/**
 * Whether the file's value is taken over an admin's for one conflict: every conflict when the whole import prefers the
 * file, else only those whose ids the admin chose (from a dry run's report), one by one.
 */
export type PreferFile = boolean | ReadonlySet<string>;
const prefers = (preferFile: PreferFile, conflictId: string) =>
  preferFile === true || (preferFile !== false && preferFile.has(conflictId));

/**
 * A conflict's id: its record (or link) and field, the same in a dry run and in the import after it, so an admin can
 * decide on each by its id.
 */
export const conflictId = (conflict: Pick<ImportConflict, 'record' | 'field'>) =>
  `${conflict.record}#${conflict.field}`;

/**
 * Sorts what the file would change into what it may change and what an admin corrected by hand (`corrected`), which
 * it changes only where the file is preferred. Each such conflict is reported. `taken` are the conflicting names
 * whose file's value is applied, `kept` those where the admin's stays.
 */
function settle(
  changed: readonly string[],
  corrected: ReadonlySet<string>,
  preferFile: PreferFile,
  conflict: (name: string) => Omit<ImportConflict, 'field' | 'applied'>,
  report: ImportReport,
): { applied: string[]; taken: string[]; kept: string[] } {
  const conflicting = changed.filter((name) => corrected.has(name));
  const taken: string[] = [];
  const kept: string[] = [];
  for (const field of conflicting) {
    const details = conflict(field);
    const applied = prefers(preferFile, conflictId({ record: details.record, field }));
    (applied ? taken : kept).push(field);
    report.conflicts.push({ ...details, field, applied });
  }
  return { applied: changed.filter((name) => !kept.includes(name)), taken, kept };
}

/** The record's properties without those an admin's correction keeps. */
const without = (properties: Properties, kept: readonly string[]): Properties =>
  Object.fromEntries(Object.entries(properties).filter(([name]) => !kept.includes(name)));

/** The record a conflict is about, as an admin finds it again: its id, label, key and name. */
const recordOf = (label: Label, key: string, props: Readonly<Record<string, unknown>>) => ({
  id: String(props.id),
  label,
  key,
  ...(typeof props.name === 'string' ? { name: props.name } : {}),
});

/** A link's identity within one type: its ends' labels as well as keys, since a council and its borough share a code. */
const linkRef = (rel: RelationshipRecord) =>
  `${nodeRef(rel.from.label, rel.from.key)}>${nodeRef(rel.to.label, rel.to.key)}`;

/**
 * Reads what the batch's records and links are in the database, checks every link reaches a node in the batch or the
 * database and that no source id belongs to another record, and sorts the batch into what to create, update or leave.
 * Throws an ImportValidationError listing every problem.
 */
export async function planImport(
  tx: Transaction,
  batch: GraphBatch,
  dryRun: boolean,
  preferFile: PreferFile = false,
): Promise<Plan> {
  const report = emptyReport(dryRun, preferFile === true);
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
  // Organisations that look like one already held are reported, never merged; an ODS code stays with its holder.
  report.mergeCandidates = await findMergeCandidates(tx, batch.nodes, populated);
  for (const node of withoutWithheld(batch.nodes, report.mergeCandidates)) {
    const before = stored.get(node.label, node.key)?.props;
    if (before === undefined) {
      count(report.nodes, node.label, 'created');
      plan.creates.push(node);
      continue;
    }
    const { applied, taken, kept } = settle(
      changedNames(node.properties, before),
      correctedNames(before),
      preferFile,
      (name) => ({
        origin: node.origin,
        record: nodeRef(node.label, node.key),
        adminValue: before[name] ?? null,
        fileValue: node.properties[name] ?? null,
      }),
      report,
    );
    if (taken.length + kept.length > 0)
      report.conflictRecords[nodeRef(node.label, node.key)] = { node: recordOf(node.label, node.key, before) };
    if (applied.length === 0) {
      count(report.nodes, node.label, 'unchanged');
      continue;
    }
    count(report.nodes, node.label, 'updated');
    plan.updates.push({ ...node, properties: without(node.properties, kept), cleared: taken });
    plan.corrections.push({
      nodeId: String(before.id),
      before: pick(before, applied),
      after: pick(node.properties, applied),
    });
  }

  // A link with an end this import creates cannot exist yet; only the others need looking up. On a first load that
  // is nearly every link, so a large import does not spend its time proving links are new.
  const isNew = (rel: RelationshipRecord) =>
    !stored.has(rel.from.label, rel.from.key) || !stored.has(rel.to.label, rel.to.key);
  const elementIdOf = (end: NodeRef) => stored.get(end.label, end.key)!.elementId;
  /** The record a link starts from, which an admin opens to see the link. */
  const startOf = (rel: RelationshipRecord) => ({
    node: recordOf(rel.from.label, rel.from.key, stored.get(rel.from.label, rel.from.key)!.props),
  });
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
      const link = `${nodeRef(rel.from.label, rel.from.key)} ${rel.type} ${nodeRef(rel.to.label, rel.to.key)}`;
      if (before === undefined) {
        // A link an admin removed by hand stays removed unless the file is preferred.
        const ref = unlinkedRef(rel.type, String(stored.get(rel.to.label, rel.to.key)!.props.id));
        const removedByHand = unlinkedRefs(stored.get(rel.from.label, rel.from.key)!.props).has(ref);
        if (removedByHand) {
          const applied = prefers(preferFile, conflictId({ record: link, field: rel.type }));
          report.conflictRecords[link] = { ...startOf(rel), link };
          report.conflicts.push({
            origin: rel.origin,
            record: link,
            field: rel.type,
            adminValue: 'removed',
            fileValue: 'present',
            applied,
          });
          if (!applied) {
            count(report.relationships, rel.type, 'unchanged');
            continue;
          }
        }
        count(report.relationships, rel.type, 'created');
        plan.linkUpdates.push(removedByHand ? { ...rel, unlinked: [ref] } : rel);
        continue;
      }
      const { applied, taken, kept } = settle(
        changedNames(rel.properties, before),
        correctedNames(before),
        preferFile,
        (name) => ({
          origin: rel.origin,
          record: link,
          adminValue: before[name] ?? null,
          fileValue: rel.properties[name] ?? null,
        }),
        report,
      );
      if (taken.length + kept.length > 0) report.conflictRecords[link] = { ...startOf(rel), link };
      if (applied.length === 0) {
        count(report.relationships, rel.type, 'unchanged');
        continue;
      }
      count(report.relationships, rel.type, 'updated');
      plan.linkUpdates.push({
        ...rel,
        properties: without(rel.properties, kept),
        cleared: taken,
        before: pick(before, applied),
      });
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
