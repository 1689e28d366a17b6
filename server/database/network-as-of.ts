// The partnership network around a record as it stood at a past moment, rebuilt from today's graph and the audit trail.
import { Label, Rel } from '../../schema/graph.js';
import type { Database } from './database.js';
import { createdAt, linkAt, linkChanges, linkOf, MAX_SCOPE_CHANGES, TooManyChangesError } from './history.js';
import {
  MAX_DEPTH,
  MAX_NETWORK_MEMBERS,
  member,
  NETWORK_RELS,
  type Network,
  type NetworkEdge,
  NetworkTooLargeError,
  type RawMember,
  toNetworkNode,
} from './network.js';
import type { ChangeRecord } from './write/audit.js';

/** The network's relationship types, as the trail names them. */
const TYPES = [Rel.PARTNER_IN, Rel.PROGRAMME_PART_OF] as const;

interface PastLink {
  from: string;
  type: NetworkEdge['type'];
  to: string;
  entries: ChangeRecord[];
}

const linkKey = (from: string, type: string, to: string) => `${from} ${type} ${to}`;

/** What an edge shows of a link's properties: its role, and why it was inferred when it was. */
function toEdge(link: { from: string; type: NetworkEdge['type']; to: string }, props: Record<string, unknown>) {
  const edge: NetworkEdge = { source: link.from, target: link.to, type: link.type };
  if (typeof props.role === 'string') edge.role = props.role;
  if (props.inferred === true) {
    edge.inferred = true;
    edge.inference = typeof props.inference === 'string' ? props.inference : '';
  }
  return edge;
}

/** These records now, as members, with every network link they have now (either way). One round trip. */
async function membersNow(
  db: Database,
  ids: readonly string[],
): Promise<Map<string, { member: RawMember; links: [string, string, string, Record<string, unknown>][] }>> {
  const result = await db.run(
    `UNWIND $ids AS id
     CALL (id) { MATCH (m:${Label.Organisation} {id: id}) RETURN m UNION MATCH (m:${Label.Programme} {id: id}) RETURN m }
     RETURN ${member('m')} AS member,
       COLLECT { MATCH (m)-[r:${NETWORK_RELS}]-() RETURN [startNode(r).id, type(r), endNode(r).id, properties(r)] } AS links`,
    { ids },
  );
  return new Map(
    result.records.map((r) => {
      const m = r.get('member') as RawMember;
      return [m[1], { member: m, links: r.get('links') as [string, string, string, Record<string, unknown>][] }];
    }),
  );
}

/**
 * The network within `depth` steps of a record as it stood at `asOf` (UTC ISO text), or null when the record did not
 * exist then. Walked out a step at a time as networkAround's pattern would have walked the graph then: each step
 * takes today's links of the records reached and the links the trail names for them (made or removed since), keeps
 * those linkAt says stood then with their properties then (a removed partner's role comes back), and keeps records
 * only if they existed then (an import's record of what it created). Members are named as they are now.
 * Bounded: at most MAX_SCOPE_CHANGES link entries (TooManyChangesError) and `maxMembers` members
 * (NetworkTooLargeError), checked at each step before its members are read; two round trips a step, one more for
 * the trail.
 */
export async function networkAsOf(
  db: Database,
  id: string,
  depth: number,
  asOf: string,
  roles?: readonly string[],
  maxMembers = MAX_NETWORK_MEMBERS,
): Promise<Network | null> {
  const hops = Math.max(1, Math.min(MAX_DEPTH, Math.floor(depth)));
  const trail = await linkChanges(db, TYPES, MAX_SCOPE_CHANGES + 1);
  if (trail.total > MAX_SCOPE_CHANGES) throw new TooManyChangesError(trail.total, MAX_SCOPE_CHANGES, 'The network');
  const named = new Map<string, PastLink>();
  const namedAt = new Map<string, Set<string>>();
  for (const c of trail.changes) {
    const l = linkOf(c);
    if (!l) continue;
    const key = linkKey(...l);
    const held = named.get(key);
    if (held) held.entries.push(c);
    else named.set(key, { from: l[0], type: l[1] as NetworkEdge['type'], to: l[2], entries: [c] });
    for (const end of [l[0], l[2]]) namedAt.set(end, (namedAt.get(end) ?? new Set()).add(key));
  }
  const allowed = (props: Record<string, unknown>) =>
    !roles || roles.length === 0 || typeof props.role !== 'string' || roles.includes(props.role);

  const members = new Map<string, RawMember>();
  const edges = new Map<string, NetworkEdge>();
  const reached = new Set([id]);
  let frontier = [id];
  for (let step = 0; step <= hops && frontier.length > 0; step += 1) {
    const created = await createdAt(db, frontier);
    const existing = frontier.filter((x) => (created.get(x)?.at ?? '') <= asOf);
    if (members.size + existing.length > maxMembers)
      throw new NetworkTooLargeError(members.size + existing.length, maxMembers);
    const now = await membersNow(db, existing);
    const next: string[] = [];
    for (const x of existing) {
      const found = now.get(x);
      if (!found) continue;
      members.set(x, found.member);
      // Today's links of x, and those the trail names: each as it stood then, if it did.
      const links = new Map<
        string,
        { from: string; type: NetworkEdge['type']; to: string; props?: Record<string, unknown> }
      >();
      for (const [from, type, to, props] of found.links)
        links.set(linkKey(from, type, to), { from, type: type as NetworkEdge['type'], to, props });
      for (const key of namedAt.get(x) ?? []) if (!links.has(key)) links.set(key, { ...named.get(key)! });
      for (const [key, link] of links) {
        const entries = named.get(key)?.entries;
        const props = entries ? linkAt(entries, asOf, link.props) : link.props;
        if (!props || !allowed(props)) continue;
        const other = link.from === x ? link.to : link.from;
        edges.set(key, toEdge(link, props));
        if (step < hops && !reached.has(other)) {
          reached.add(other);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  if (!members.has(id)) return null;
  return {
    nodes: [...members.values()].map(toNetworkNode),
    // Only links between members: one to a record that did not exist then, or lies beyond the depth, is left out.
    edges: [...edges.values()].filter((e) => members.has(e.source) && members.has(e.target)),
  };
}
