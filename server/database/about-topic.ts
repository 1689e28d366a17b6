// Whether a record is about a topic: linked to it directly, or classified by a published taxonomy's term that an admin
// mapped to it. Asked at query time by lists and feeds; the directory search reads the same rule from each record's
// topic scope, which the write path keeps in step with every link (write/topic-scope.ts).
import { Label, Rel } from '../../schema/graph.js';

/**
 * A Cypher condition on the record `n` (a variable bound already) and the topic `topic` (a node pattern's inside, such
 * as `:Topic {key: $topic}`): the direct link (`direct`, ABOUT unless given) or the two hops through a mapped term.
 * The mapping is a link an admin makes, not copies of ABOUT on every service, so a service imported later with the
 * term is found too and a removed mapping leaves nothing behind to clean up.
 */
export function aboutTopic(n: string, topic: string, direct = `:${Rel.ABOUT}`): string {
  return `(EXISTS { (${n})-[${direct}]->(${topic}) } OR EXISTS { (${n})-[:${Rel.CLASSIFIED_AS}]->(:${Label.TaxonomyTerm})-[:${Rel.MAPPED_TO}]->(${topic}) })`;
}
