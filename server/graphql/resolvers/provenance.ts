// Where every record comes from: `sourceDocuments` on each type, read from its DOCUMENTED_IN links.
import { Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import { Label, LABELS, Rel } from '../../../schema/graph.js';
import { TYPE_BY_LABEL } from '../../../schema/graphql/index.js';
import { SourceReference } from '../../../schema/graphql/node.js';
import type { GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import { follow } from './support.js';

function provenanceResolver(label: Label, type: ClassType): ClassType {
  @Resolver(() => type)
  class ProvenanceResolver {
    @FieldResolver(() => [SourceReference], { description: 'The documents this record was read from, and where in each.' })
    async sourceDocuments(@Root() node: GraphNode, @Ctx() ctx: Context): Promise<SourceReference[]> {
      const links = await follow(ctx, node, { from: label, rel: Rel.DOCUMENTED_IN, direction: 'out', to: [Label.SourceDocument] });
      return links.map((l) => ({
        title: String(l.node.title),
        kind: l.node.kind as string | undefined,
        attribution: l.node.attribution as string | undefined,
        ref: l.rel.ref as string | undefined,
      }));
    }
  }
  return ProvenanceResolver;
}

export const PROVENANCE_RESOLVERS = LABELS.filter((label) => label !== Label.SourceDocument && TYPE_BY_LABEL[label])
  .map((label) => provenanceResolver(label, TYPE_BY_LABEL[label]!));
