// Links read with their parent in one statement: the levels the loaders would fetch a round trip each, as nested COLLECT
// subqueries, so that a record and what a query asks of its links cost one round trip.
import neo4j from 'neo4j-driver';
import type { Label } from '../../schema/graph.js';
import { AREA_SCOPE_PROPERTY } from '../../schema/migrations.js';
import type { Database } from './database.js';
import { followLink, type LinkSpec, type Linked, linkProperties, MAX_LINKS } from './links.js';
import { type GraphNode, toGraphNode } from './nodes.js';

/** One link to read with its parent: the spec, at most how many, and the links to read with each node it finds. */
export interface LinkTree {
  spec: LinkSpec;
  limit: number;
  children: readonly LinkTree[];
  /**
   * The properties of each linked node to read, when the query's selection says which (a provider's name): the rest
   * are never read. Every property when absent, as the loaders read them.
   */
  properties?: readonly string[];
}

/**
 * What every linked node read by name holds whatever was asked: what a GraphNode rests on (its demo mark, retired flag
 * and version are read when asked, and toGraphNode's defaults are never shown otherwise).
 */
export const ALWAYS_READ: readonly string[] = ['id', 'key'];

/** The map projection of a linked node: the properties named, or every one but the scopes no answer shows. */
function projection(node: string, properties: readonly string[] | undefined): string {
  if (!properties) return withoutAreaScope(node);
  const names = [...new Set([...ALWAYS_READ, ...properties])];
  return `${node} {${names.map((p) => `.\`${p.replaceAll('`', '')}\``).join(', ')}}`;
}

/** The link trees to read with a record, by the record's label (a search's hits are of several). */
export type LinkTreesByLabel = Partial<Record<Label, readonly LinkTree[]>>;

/** What one statement read along one link of one parent: what the loaders would have answered for that parent. */
export interface ReadLinks {
  spec: LinkSpec;
  limit: number;
  parentId: string;
  linked: Linked[];
}

/**
 * A node's properties without its area scope, which no answer shows and which runs to hundreds of tokens on what
 * serves all England: the scope is the bulk of a programme's bytes on the England graph.
 */
export const withoutAreaScope = (node: string) => `${node} {.*, ${AREA_SCOPE_PROPERTY}: null}`;

/** Builds the Cypher of link trees, numbering each link's variables and limit parameter so that none is reused. */
class LinkCypher {
  private count = 0;
  constructor(readonly params: Record<string, unknown>) {}

  /**
   * A list with one entry per tree: the linked nodes, each as [labels, properties, the link's properties, its own
   * trees' entries]. Each link is a COLLECT subquery with the loaders' own order and cut (followLink).
   */
  trees(parent: string, trees: readonly LinkTree[]): string {
    return `[${trees.map((tree) => this.tree(parent, tree)).join(', ')}]`;
  }

  /** The entries of the trees for `parent`'s label: a search's hits are of several labels, each asked for its own. */
  byLabel(parent: string, byLabel: LinkTreesByLabel): string {
    const branches = Object.entries(byLabel)
      .filter(([, trees]) => trees !== undefined && trees.length > 0)
      .map(([label, trees]) => `WHEN ${parent}:\`${label}\` THEN ${this.trees(parent, trees!)}`);
    return branches.length === 0 ? '[]' : `CASE ${branches.join(' ')} ELSE [] END`;
  }

  private tree(parent: string, tree: LinkTree): string {
    const i = this.count++;
    const v = { parent, node: `linked${i}`, rel: `link${i}`, via: `via${i}`, group: `group${i}` };
    // An integer, not a JavaScript number: the driver would send that as a float, which LIMIT refuses.
    this.params[`linkLimit${i}`] = neo4j.int(Math.min(Math.max(Math.floor(tree.limit), 0), MAX_LINKS));
    return `COLLECT {
       ${followLink(tree.spec, v, `$linkLimit${i}`)}
       RETURN [labels(${v.node}), ${projection(v.node, tree.properties)}, ${linkProperties(tree.spec, v.rel)}, ${this.trees(v.node, tree.children)}]
     }`;
  }
}

type Entry = [string[], Record<string, unknown>, Record<string, unknown>, unknown[]];

/** Turns the entries of `trees` read for one parent into what the loaders would have answered, for each parent. */
function readTrees(parentId: string, trees: readonly LinkTree[], entries: unknown[], into: ReadLinks[]): void {
  trees.forEach((tree, i) => {
    const rows = (entries[i] ?? []) as Entry[];
    const linked = rows.map(([labels, props, rel]) => ({ node: toGraphNode(labels, props), rel }));
    into.push({ spec: tree.spec, limit: tree.limit, parentId, linked });
    if (tree.children.length === 0) return;
    rows.forEach((row, j) => {
      readTrees(linked[j]!.node.id, tree.children, row[3], into);
    });
  });
}

/** The Cypher for `trees` (or for each label's) below `parent`, adding the parameters it needs to `params`. */
export function linkTreesCypher(
  parent: string,
  trees: LinkTreesByLabel,
  params: Record<string, unknown>,
): string | undefined {
  const cypher = new LinkCypher(params).byLabel(parent, trees);
  return cypher === '[]' ? undefined : cypher;
}

/** What a record's entries read by linkTreesCypher hold, for the loaders. */
export function readLinkTrees(node: GraphNode, trees: LinkTreesByLabel, entries: unknown): ReadLinks[] {
  const into: ReadLinks[] = [];
  const own = trees[node.__label];
  if (own && Array.isArray(entries)) readTrees(node.id, own, entries, into);
  return into;
}

/**
 * One record by id or key, of one of `labels` (each has a unique id and key), with the links `trees` ask of its label
 * read in the same statement; null when there is none. Its properties are those a lookup gives (nodes.ts), without
 * the area scope.
 */
export async function recordWithLinks(
  db: Database,
  labels: readonly Label[],
  by: { id: string } | { key: string },
  trees: LinkTreesByLabel,
): Promise<{ node: GraphNode; links: ReadLinks[] } | null> {
  const params: Record<string, unknown> = { ...by };
  const property = 'id' in by ? 'id: $id' : 'key: $key';
  // Each label's own index seek, as nodesById does: a node of any label by id.
  const match =
    labels.length === 1
      ? `MATCH (n:\`${labels[0]}\` {${property}})`
      : `CALL () { ${labels.map((l) => `MATCH (n:\`${l}\` {${property}}) RETURN n`).join(' UNION ')} }`;
  const links = linkTreesCypher('n', trees, params) ?? '[]';
  const result = await db.run(
    `${match}
     RETURN labels(n) AS labels, ${withoutAreaScope('n')} AS props, ${links} AS links
     LIMIT 1`,
    params,
  );
  const record = result.records[0];
  if (!record) return null;
  const node = toGraphNode(record.get('labels') as string[], record.get('props') as Record<string, unknown>);
  return { node, links: readLinkTrees(node, trees, record.get('links')) };
}
