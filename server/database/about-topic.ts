// Whether a record is about a topic: linked to it directly, or classified by a published taxonomy's term that an admin
// mapped to it. Asked at query time, so a mapping counts the moment it is made and stops when it is removed.
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
