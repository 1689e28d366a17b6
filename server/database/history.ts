// The graph as it was: a programme at a past moment and what changed between two, read back from the audit trail.
import neo4j from 'neo4j-driver';
import { Label, Rel } from '../../schema/graph.js';
import { CHANGE_LABEL } from '../../schema/migrations.js';
import type { Database } from './database.js';
import { CREATED_PREFIX, createdBucket, type ChangeRecord } from './write/audit.js';

/** The most audit entries one programme's past is rebuilt from: beyond it the answer would take seconds. */
export const MAX_SCOPE_CHANGES = 20_000;

/** A programme's or network's past asks for more changes than one request may replay. */
export class TooManyChangesError extends Error {
  constructor(
    readonly changes: number,
    readonly max: number,
    what = 'The programme',
  ) {
    super(`${what} has ${changes} recorded changes, more than the ${max} one request may replay.`);
  }
}

function toChange(c: Record<string, unknown>): ChangeRecord {
  return {
    ...(c as unknown as ChangeRecord),
    before: c.before ? JSON.parse(String(c.before)) : null,
    after: c.after ? JSON.parse(String(c.after)) : null,
  };
}

/**
 * The audit entries after `from` and up to `to` (ISO date-times, compared as text, which orders them as `at` is
 * always written by toString(datetime()) in UTC), oldest first, the first `first` of them, and how many there are.
 * With `scope`, only those about its records or naming one of them (a link to it: the ids are UUIDs, so text that
 * holds one names it).
 */
export async function changesBetween(
  db: Database,
  from: string,
  to: string,
  first: number,
  scope?: readonly string[],
): Promise<{ total: number; changes: ChangeRecord[] }> {
  const result = await db.run(
    `MATCH (c:${CHANGE_LABEL}) WHERE c.at > $from AND c.at <= $to AND c.nodeId <> 'import' AND NOT c.nodeId STARTS WITH $created
       AND ($scope IS NULL OR c.nodeId IN $scope OR any(id IN $scope WHERE c.after CONTAINS id OR c.before CONTAINS id))
     WITH c ORDER BY c.at, c.id
     WITH collect(c) AS entries
     RETURN size(entries) AS total, [c IN entries[..$first] | properties(c)] AS changes`,
    { from, to, first: neo4j.int(first), scope: scope ?? null, created: CREATED_PREFIX },
  );
  const record = result.records[0];
  return {
    total: Number(record?.get('total') ?? 0),
    changes: ((record?.get('changes') ?? []) as Record<string, unknown>[]).map(toChange),
  };
}

/**
 * When each of these records was created, where the audit trail says: an admin's CREATE, or an import's entry of
 * what it created (read by bucket through the nodeId index, so the work follows the ids asked about, not the trail).
 * Records the trail does not name (made before it began) are left out: they are taken to have been there always.
 */
export async function createdAt(db: Database, ids: readonly string[]): Promise<Map<string, ChangeRecord>> {
  const found = new Map<string, ChangeRecord>();
  if (ids.length === 0) return found;
  const result = await db.run(
    `CALL () {
       UNWIND $buckets AS bucket MATCH (c:${CHANGE_LABEL} {nodeId: bucket})
       UNWIND [id IN c.created WHERE id IN $ids] AS id RETURN id, c
       UNION ALL
       UNWIND $ids AS id MATCH (c:${CHANGE_LABEL} {nodeId: id}) WHERE c.action = 'CREATE' RETURN id, c
     }
     RETURN id, c.id AS change, c.nodeId = id AS own, c.at AS at, c.actor AS actor ORDER BY at`,
    { ids, buckets: [...new Set(ids.map(createdBucket))] },
  );
  for (const r of result.records) {
    const id = r.get('id') as string;
    if (found.has(id)) continue;
    found.set(id, {
      // An admin's CREATE is its own entry; an import's names many records, each given an id of its own here.
      id: r.get('own') ? (r.get('change') as string) : `${r.get('change') as string} ${id}`,
      nodeId: id,
      at: r.get('at') as string,
      actor: r.get('actor') as string,
      action: 'CREATE',
      before: null,
      after: null,
    });
  }
  return found;
}

/** An entry's link, [from, type, to], when it is about one: made (LINK), removed (UNLINK) or changed by an import. */
export function linkOf(change: ChangeRecord): [string, string, string] | undefined {
  if (change.action !== 'LINK' && change.action !== 'UNLINK' && change.action !== 'IMPORT') return undefined;
  const side = change.after ?? change.before;
  return side && typeof side.type === 'string' && typeof side.to === 'string'
    ? [change.nodeId, side.type, side.to]
    : undefined;
}

/** A link's own properties from what an entry says of it, without its type and far end. */
function linkProperties(side: Record<string, unknown> | null): Record<string, unknown> {
  const { type: _type, to: _to, ...props } = side ?? {};
  return props;
}

/**
 * A link at `asOf` from its entries (oldest first) and its properties now (undefined: it does not stand now), or
 * undefined when it did not stand. Its last entry up to the moment says whether it stood (removed, no; made or
 * changed, yes); with none, its first later entry does (a removal or change, yes; a LINK that had no link before,
 * no), and with no entry at all it stood as it stands now. Its properties are today's with every later entry's
 * `before` put back, newest first: an unlink keeps the properties the link had, so the role it had comes back.
 */
export function linkAt(
  entries: readonly ChangeRecord[],
  asOf: string,
  now: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  const upTo = entries.filter((c) => c.at <= asOf);
  const later = entries.filter((c) => c.at > asOf);
  const last = upTo.at(-1);
  const first = later[0];
  const stood = last
    ? last.action !== 'UNLINK'
    : first
      ? first.action === 'UNLINK' || first.before !== null
      : now !== undefined;
  if (!stood) return undefined;
  const recorded = last && last.action !== 'UNLINK' ? linkProperties(last.after) : {};
  let props = now ?? recorded;
  for (const c of [...later].reverse()) {
    if (c.action === 'UNLINK') props = linkProperties(c.before);
    else if (c.before) props = { ...props, ...linkProperties(c.before) };
    // A later LINK that says nothing of before: the link had what was last recorded of it.
    else props = recorded;
  }
  return props;
}

/**
 * Every entry the trail holds about links of these types, oldest first, at most `first` of them, and how many there
 * are: a network's past is rebuilt from them. The entries' JSON is written by JSON.stringify, so a link's type is
 * found as the text `"type":"<TYPE>"`.
 */
export async function linkChanges(
  db: Database,
  types: readonly string[],
  first: number,
): Promise<{ total: number; changes: ChangeRecord[] }> {
  const result = await db.run(
    `MATCH (c:${CHANGE_LABEL}) WHERE c.action IN ['LINK', 'UNLINK', 'IMPORT']
       AND any(t IN $types WHERE c.after CONTAINS t OR c.before CONTAINS t)
     WITH c ORDER BY c.at, c.id
     WITH collect(c) AS entries
     RETURN size(entries) AS total, [c IN entries[..$first] | properties(c)] AS changes`,
    { types: types.map((t) => JSON.stringify({ type: t }).slice(1, -1)), first: neo4j.int(first) },
  );
  const record = result.records[0];
  return {
    total: Number(record?.get('total') ?? 0),
    changes: ((record?.get('changes') ?? []) as Record<string, unknown>[]).map(toChange),
  };
}

/** The programme, its workstreams and actions now: entries about them, or naming them in a link, describe it. */
export async function programmeScopeIds(db: Database, id: string): Promise<string[]> {
  const result = await db.run(
    `MATCH (p:${Label.Programme} {id: $id})
     RETURN [p.id] + COLLECT { MATCH (p)-[:${Rel.HAS_WORKSTREAM}]->{0,1}()-[:${Rel.HAS_WORKSTREAM}|${Rel.HAS_ACTION}]->(x) RETURN DISTINCT x.id } AS ids`,
    { id },
  );
  return (result.records[0]?.get('ids') as string[] | undefined) ?? [id];
}

interface CurrentProgramme {
  programme: Record<string, unknown> | null;
  /** Workstreams and actions now, with their properties. */
  records: Map<string, { label: string; props: Record<string, unknown> }>;
  /** Links now: PARTNER_IN (organisation → programme), HAS_WORKSTREAM and HAS_ACTION, with properties. */
  links: { from: string; type: string; to: string; props: Record<string, unknown> }[];
  /** Names of partners, current and past, for the answer. */
  organisations: Map<string, string>;
}

/** A programme now: itself, its workstreams and actions, its partners and the links between them. One round trip. */
async function currentProgramme(db: Database, id: string): Promise<CurrentProgramme> {
  const result = await db.run(
    `OPTIONAL MATCH (p:${Label.Programme} {id: $id})
     RETURN properties(p) AS programme,
       COLLECT { MATCH (p)-[:${Rel.HAS_WORKSTREAM}]->{0,1}(m)-[r:${Rel.HAS_WORKSTREAM}|${Rel.HAS_ACTION}]->(x)
                 RETURN [labels(x)[0], properties(x), m.id, type(r)] } AS records,
       COLLECT { MATCH (o:${Label.Organisation})-[r:${Rel.PARTNER_IN}]->(p) RETURN [o.id, o.name, properties(r)] } AS partners`,
    { id },
  );
  const record = result.records[0]!;
  const records = new Map<string, { label: string; props: Record<string, unknown> }>();
  const links: CurrentProgramme['links'] = [];
  for (const [label, props, parent, type] of record.get('records') as [
    string,
    Record<string, unknown>,
    string,
    string,
  ][]) {
    records.set(String(props.id), { label, props });
    links.push({ from: parent, type, to: String(props.id), props: {} });
  }
  const organisations = new Map<string, string>();
  for (const [orgId, name, props] of record.get('partners') as [string, string, Record<string, unknown>][]) {
    organisations.set(orgId, name);
    links.push({ from: orgId, type: Rel.PARTNER_IN, to: id, props });
  }
  return { programme: record.get('programme') as Record<string, unknown> | null, records, links, organisations };
}

/** Names of organisations now, for partners that left the programme since. */
async function organisationNames(db: Database, ids: readonly string[]): Promise<Map<string, string>> {
  const result = await db.run(
    `UNWIND $ids AS id MATCH (o:${Label.Organisation} {id: id}) RETURN o.id AS id, coalesce(o.name, o.key) AS name`,
    { ids },
  );
  return new Map(result.records.map((r) => [r.get('id') as string, r.get('name') as string]));
}

export interface ProgrammePast {
  existed: boolean;
  properties: Record<string, unknown> | null;
  partners: { id: string; name: string; role: string | null }[];
  actions: { id: string; name: string; status: string | null; dueDate: string | null; retired: boolean }[];
  changesSince: number;
}

const linkKey = (from: string, type: string, to: string) => `${from} ${type} ${to}`;

/**
 * A programme as it was at `asOf`: today's programme, workstreams, actions and partners with every audit entry after
 * `asOf` undone, newest first. A record's first entry after the moment says what it was: CREATE (an admin's, or an
 * import's record of what it created), it did not exist; UPDATE or an import's correction, its `before`; RETIRE, it
 * was live; RESTORE, retired. A link stood as linkAt says, and only if both its ends existed then: a link to a record
 * an import created came with it.
 */
export async function programmeAsOf(db: Database, id: string, asOf: string): Promise<ProgrammePast> {
  const now = await currentProgramme(db, id);
  // Partners' links name the programme, so its own records are scope enough (see changesBetween).
  const scope = [id, ...now.records.keys()];
  // Every entry about the scope, before and after the moment: a link's standing needs its entries up to it.
  const all = await changesBetween(db, '', '9999', MAX_SCOPE_CHANGES + 1, scope);
  if (all.total > MAX_SCOPE_CHANGES) throw new TooManyChangesError(all.total, MAX_SCOPE_CHANGES);

  const named = new Map<string, { from: string; type: string; to: string; entries: ChangeRecord[] }>();
  for (const c of all.changes) {
    const l = linkOf(c);
    if (!l) continue;
    const key = linkKey(...l);
    const held = named.get(key);
    if (held) held.entries.push(c);
    else named.set(key, { from: l[0], type: l[1], to: l[2], entries: [c] });
  }
  // When the scope's records and every partner, now or named, appeared: imports' records of what they created.
  const partners = new Set([
    ...now.organisations.keys(),
    ...[...named.values()].filter((l) => l.type === Rel.PARTNER_IN && l.to === id).map((l) => l.from),
  ]);
  const created = await createdAt(db, [...scope, ...partners]);
  const existed = (recordId: string) => (created.get(recordId)?.at ?? '') <= asOf;
  const seen = new Set(all.changes.map((c) => c.id));
  const inScope = new Set(scope);
  const changes = [
    ...all.changes,
    ...[...created.values()].filter((c) => inScope.has(c.nodeId) && !seen.has(c.id)),
  ].sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at.localeCompare(b.at)));
  const after = changes.filter((c) => c.at > asOf);

  // Records: each one's first entry after the moment.
  const firstAfter = new Map<string, ChangeRecord>();
  for (const c of after) if (!linkOf(c) && !firstAfter.has(c.nodeId)) firstAfter.set(c.nodeId, c);
  const past = (recordId: string, props: Record<string, unknown> | null): Record<string, unknown> | null => {
    const c = firstAfter.get(recordId);
    if (!c) return props;
    if (c.action === 'CREATE') return null;
    if (c.action === 'RETIRE') return { ...c.before, retired: false };
    if (c.action === 'RESTORE') return { ...c.before, retired: true };
    // An admin's update keeps the whole record before it; an import's correction only the properties it changed.
    if (c.action === 'UPDATE' && c.before) return { id: props?.id, key: props?.key, ...c.before };
    return c.before ? { ...props, ...c.before } : props;
  };

  // Links: standing now, and every link an entry names, then only those whose ends were there.
  const stands = new Map<string, { from: string; type: string; to: string; props: Record<string, unknown> }>();
  for (const l of now.links) stands.set(linkKey(l.from, l.type, l.to), l);
  for (const [key, { from, type, to, entries }] of named) {
    const props = linkAt(entries, asOf, stands.get(key)?.props);
    if (props) stands.set(key, { from, type, to, props });
    else stands.delete(key);
  }
  for (const [key, l] of stands) if (!existed(l.from) || !existed(l.to)) stands.delete(key);

  const programme = past(id, now.programme);
  const links = [...stands.values()];
  const partnerIds = links.filter((l) => l.type === Rel.PARTNER_IN && l.to === id).map((l) => l.from);
  const missing = partnerIds.filter((p) => !now.organisations.has(p));
  const names = missing.length > 0 ? await organisationNames(db, missing) : new Map<string, string>();
  // Actions hang from the programme or from a workstream that hung from it then.
  const holders = new Set([
    id,
    ...links.filter((l) => l.type === Rel.HAS_WORKSTREAM && l.from === id).map((l) => l.to),
  ]);
  const actionIds = links.filter((l) => l.type === Rel.HAS_ACTION && holders.has(l.from)).map((l) => l.to);
  const actions = [...new Set(actionIds)]
    .map((actionId) => ({ actionId, props: past(actionId, now.records.get(actionId)?.props ?? null) }))
    .filter((a): a is { actionId: string; props: Record<string, unknown> } => a.props !== null)
    .map(({ actionId, props }) => ({
      id: actionId,
      name: String(props.name ?? props.key ?? actionId),
      status: typeof props.status === 'string' ? props.status : null,
      dueDate: typeof props.dueDate === 'string' ? props.dueDate : null,
      retired: props.retired === true,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    existed: programme !== null,
    properties: programme,
    partners: partnerIds
      .map((p) => ({
        id: p,
        name: now.organisations.get(p) ?? names.get(p) ?? p,
        role: (stands.get(linkKey(p, Rel.PARTNER_IN, id))?.props.role as string | undefined) ?? null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    actions,
    changesSince: after.length,
  };
}
