// The topic scope: on each record the directory can find by topic, its topics joined to its kind, kept by the write path.
import { Label, Rel } from '../../../schema/graph.js';
import { nodeId } from '../../../schema/ids.js';
import { SEARCHABLE_LABELS, TOPIC_SCOPE_PROPERTY } from '../../../schema/migrations.js';
import { RELATIONSHIP_MODEL } from '../../../schema/model.js';
import type { Database } from '../database.js';
import { backfillScope, scopeRefreshesOf } from './scope-refresh.js';
import { chunkedStatements, type Statement } from './statement.js';

/**
 * What a search by topic can find, and so what carries a topic scope: every searchable kind that can be about a topic
 * (ABOUT) or classified by a published term (CLASSIFIED_AS), as the model declares them.
 */
export const TOPIC_SCOPED_LABELS: readonly Label[] = SEARCHABLE_LABELS.filter(
  (l) => RELATIONSHIP_MODEL[Rel.ABOUT].from.includes(l) || RELATIONSHIP_MODEL[Rel.CLASSIFIED_AS].from.includes(l),
);

/**
 * A topic's token in a record's scope: the record's kind in lower case, then 16 hex digits of the topic's id, one word
 * to the full-text index's analyser. Joined to the kind so that a search by topic also asks the index for the kinds
 * wanted (a search of services about smoking reads no resource about it), never the labels of every hit.
 */
export function topicScopeToken(kind: Label, topicKey: string): string {
  return tokenOf(kind, nodeId(Label.Topic, topicKey));
}

const tokenOf = (kind: Label, topicId: string) => `${kind.toLowerCase()}${topicId.replaceAll('-', '').slice(0, 16)}`;

/** Links whose making or removal changes the topics of the record they start from (MAPPED_TO: of the term's records). */
const TOPIC_LINKS: ReadonlySet<Rel> = new Set([Rel.ABOUT, Rel.CLASSIFIED_AS, Rel.MAPPED_TO]);

/** True when making or removing a link of this type can change what a search by topic finds. */
export function changesTopicScope(type: Rel): boolean {
  return TOPIC_LINKS.has(type);
}

const scoped = (n: string) => TOPIC_SCOPED_LABELS.map((l) => `${n}:${l}`).join(' OR ');
const kindOf = (n: string) =>
  `CASE ${TOPIC_SCOPED_LABELS.map((l) => `WHEN ${n}:${l} THEN '${l.toLowerCase()}'`).join(' ')} END`;

/** A link a refresh must not follow: `ignored` holds the id of one its statement has just deleted, or ''. */
const kept = (rel: string) => `coalesce(${rel}.id <> ignored, true)`;

/**
 * Recomputes the topic scope of the record bound to `n` by the rule the search asked per query before (about-topic.ts):
 * a topic it is about, or one an admin mapped a published term it is classified by to. Stored as one space-separated
 * string of tokens, sorted, so the same links always give the same value. It passes over the link named by `ignored`,
 * as the area scope's refresh does: in the statement that deletes a link, later reads may still traverse it.
 */
const REFRESH = `CALL (n, ignored) {
    WITH n, ignored, COLLECT {
        MATCH (n)-[l:${Rel.ABOUT}]->(t:${Label.Topic}) WHERE ${kept('l')} RETURN t.id AS topic
        UNION MATCH (n)-[c:${Rel.CLASSIFIED_AS}]->(:${Label.TaxonomyTerm})-[m:${Rel.MAPPED_TO}]->(t:${Label.Topic})
          WHERE ${kept('c')} AND ${kept('m')} RETURN t.id AS topic
      } AS topics, ${kindOf('n')} AS kind
    WITH n, COLLECT {
        UNWIND topics AS topic WITH kind + substring(replace(topic, '-', ''), 0, 16) AS token RETURN token ORDER BY token
      } AS sorted
    SET n.${TOPIC_SCOPE_PROPERTY} = CASE WHEN size(sorted) = 0 THEN null
      ELSE reduce(s = head(sorted), t IN tail(sorted) | s + ' ' + t) END
  }`;

/** The records a mapping of the term bound to `term` reaches: those classified by it. */
const CLASSIFIED_BY = `MATCH (term)<-[:${Rel.CLASSIFIED_AS}]-(n) WHERE ${scoped('n')}`;

/**
 * A unit subquery for the end of an admin's link or unlink statement (whose `$from` is the start's id): it refreshes
 * the topic scopes the link changes in the same transaction. `deletedLinkId`: for an unlink, a Cypher expression
 * holding the removed link's id. Empty for links that no search by topic follows.
 */
export function topicScopeAfterLink(type: Rel, fromLabel: Label, deletedLinkId = "''"): string {
  if (!changesTopicScope(type)) return '';
  const refresh =
    type === Rel.MAPPED_TO
      ? `MATCH (term:${Label.TaxonomyTerm} {id: $from}) ${CLASSIFIED_BY} WITH DISTINCT n, ignored`
      : `MATCH (n:\`${fromLabel}\` {id: $from}) WHERE ${scoped('n')} WITH n, ignored`;
  return `WITH *, ${deletedLinkId} AS ignored
  CALL (ignored) {
    ${refresh}
    ${REFRESH}
  }`;
}

/**
 * The statements refreshing the topic scopes an import's new or changed links alter, for its writer to run after the
 * links: the links' start records by label and key, and for a term's mapping the records classified by the term.
 */
export function topicScopeRefreshes(
  links: readonly { type: string; from: { label: string; key: string } }[],
): Statement[] {
  const keys = new Map<string, Set<string>>();
  for (const link of links) {
    if (!TOPIC_LINKS.has(link.type as Rel)) continue;
    if (link.type !== Rel.MAPPED_TO && !TOPIC_SCOPED_LABELS.includes(link.from.label as Label)) continue;
    const set = keys.get(link.from.label) ?? new Set<string>();
    keys.set(link.from.label, set.add(link.from.key));
  }
  const statements: Statement[] = [];
  for (const [label, set] of keys) {
    const match =
      label === Label.TaxonomyTerm
        ? `MATCH (term:${Label.TaxonomyTerm} {key: key}) ${CLASSIFIED_BY} WITH DISTINCT n`
        : `MATCH (n:\`${label}\` {key: key})`;
    statements.push(...chunkedStatements(`UNWIND $values AS key ${match} WITH n, '' AS ignored ${REFRESH}`, [...set]));
  }
  return statements;
}

/** What the store holds that a bulk load's topic scopes need: each topic's id, and each term's mapped topics' ids. */
export interface StoredTopics {
  topicIds: Map<string, string>;
  mappings: Map<string, Set<string>>;
}

/** Reads the topics and mappings a bulk load works its new records' topic scopes out from (a few hundred at most). */
export async function readStoredTopics(tx: {
  run(cypher: string): Promise<{ records: { get(key: string): unknown }[] }>;
}): Promise<StoredTopics> {
  const topics = await tx.run(`MATCH (t:${Label.Topic}) RETURN t.key AS key, t.id AS id`);
  const mapped = await tx.run(
    `MATCH (term:${Label.TaxonomyTerm})-[:${Rel.MAPPED_TO}]->(t:${Label.Topic}) RETURN term.key AS term, t.id AS topic`,
  );
  const mappings = new Map<string, Set<string>>();
  for (const r of mapped.records) {
    const term = r.get('term') as string;
    mappings.set(term, (mappings.get(term) ?? new Set()).add(r.get('topic') as string));
  }
  return {
    topicIds: new Map(topics.records.map((r) => [r.get('key') as string, r.get('id') as string])),
    mappings,
  };
}

/**
 * The topic scope of each record a bulk load creates, by the refresh's rule, from the batch's links and what the store
 * holds: `created` are the new records (with their ids), `links` the batch's new links. Keyed by label, then key;
 * records without topics are left out. Stored records that gain links are refreshed in Cypher (topicScopeRefreshes).
 */
export function topicScopesOf(
  created: readonly { label: Label; key: string; id?: string }[],
  links: readonly { type: string; from: { label: string; key: string }; to: { label: string; key: string } }[],
  stored: StoredTopics,
): Map<Label, Map<string, string>> {
  const topicIds = new Map(stored.topicIds);
  for (const node of created)
    if (node.label === Label.Topic) topicIds.set(node.key, node.id ?? nodeId(Label.Topic, node.key));
  const mappings = new Map([...stored.mappings].map(([term, set]) => [term, new Set(set)]));
  const about = new Map<string, Set<string>>();
  const classified = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, value: string) =>
    map.set(key, (map.get(key) ?? new Set()).add(value));
  for (const link of links) {
    const from = `${link.from.label}/${link.from.key}`;
    if (link.type === Rel.MAPPED_TO && link.to.label === Label.Topic) {
      const id = topicIds.get(link.to.key);
      if (id) add(mappings, link.from.key, id);
    } else if (link.type === Rel.ABOUT && link.to.label === Label.Topic) {
      const id = topicIds.get(link.to.key);
      if (id) add(about, from, id);
    } else if (link.type === Rel.CLASSIFIED_AS && link.to.label === Label.TaxonomyTerm)
      add(classified, from, link.to.key);
  }
  const scopes = new Map<Label, Map<string, string>>();
  for (const node of created) {
    if (!TOPIC_SCOPED_LABELS.includes(node.label)) continue;
    const name = `${node.label}/${node.key}`;
    const topics = new Set(about.get(name) ?? []);
    for (const term of classified.get(name) ?? []) for (const id of mappings.get(term) ?? []) topics.add(id);
    if (topics.size === 0) continue;
    const tokens = [...new Set([...topics].map((id) => tokenOf(node.label, id)))].sort();
    if (!scopes.has(node.label)) scopes.set(node.label, new Map());
    scopes.get(node.label)!.set(node.key, tokens.join(' '));
  }
  return scopes;
}

/** Recomputes every record's topic scope (a store written before it existed). Returns how many it set. */
export const backfillTopicScope = (db: Database): Promise<number> => backfillScope(db, TOPIC_SCOPED_LABELS, REFRESH);

/** The statements recomputing the topic scope of restored records, from their links, for the restore's transaction. */
export const topicScopeRefreshesOf = (records: readonly { labels: readonly string[]; id: string }[]): Statement[] =>
  scopeRefreshesOf(records, TOPIC_SCOPED_LABELS, REFRESH);
