// Where every record comes from: `sourceDocuments` on each type, read from its DOCUMENTED_IN links.
import { Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import { Label, Rel } from '../../../schema/graph.js';
import { TYPE_BY_LABEL } from '../../../schema/graphql/index.js';
import { SourceReference } from '../../../schema/graphql/node.js';
import { documentPath, passagesOf } from '../../../schema/graphql/passage.js';
import { linkSpec } from '../../../schema/model.js';
import type { GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import { SourceDocumentResolver } from './documents.js';
import { NetworkEdgeInferenceResolver } from './inferences.js';
import { follow } from './support.js';

function provenanceResolver(label: Label, type: ClassType): ClassType {
  const sources = linkSpec(label, Rel.DOCUMENTED_IN, 'out', [Label.SourceDocument]);
  @Resolver(() => type)
  class ProvenanceResolver {
    @FieldResolver(() => [SourceReference], {
      description: 'The documents this record was read from, and where in each.',
    })
    async sourceDocuments(@Root() node: GraphNode, @Ctx() ctx: Context): Promise<SourceReference[]> {
      const links = await follow(ctx, node, sources);
      return links.map((l) => {
        const passages = passagesOf(l.node.key, l.rel);
        return {
          title: String(l.node.title),
          key: l.node.key,
          url: documentPath(l.node.key, passages[0]?.start),
          kind: l.node.kind as string | undefined,
          attribution: l.node.attribution as string | undefined,
          ref: l.rel.ref as string | undefined,
          passages,
        };
      });
    }
  }
  return ProvenanceResolver;
}

export const PROVENANCE_RESOLVERS = [
  ...[...TYPE_BY_LABEL]
    .filter(([label]) => label !== Label.SourceDocument)
    .map(([l, type]) => provenanceResolver(l, type)),
  SourceDocumentResolver,
  NetworkEdgeInferenceResolver,
];
