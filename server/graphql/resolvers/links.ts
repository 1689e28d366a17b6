// The link fields the model declares, resolved by following their relationship: one resolver class per GraphQL type,
// built from schema/model.ts's LINKS, so a declared link needs no code here.
import { Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import type { Label } from '../../../schema/graph.js';
import { Actor } from '../../../schema/graphql/links.js';
import { Node } from '../../../schema/graphql/node.js';
import { TYPE_BY_LABEL, typeOf } from '../../../schema/graphql/types.js';
import { LINKS, type LinkFieldSpec } from '../../../schema/model.js';
import type { GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import { linked, linkedOne } from './support.js';

/** What a link field shows: the one label's type, or the union or interface that covers several. */
function returnType(spec: LinkFieldSpec): () => unknown {
  if (spec.to.length === 1) {
    const type = typeOf(spec.to[0]!);
    return spec.one ? () => type : () => [type];
  }
  const shown = spec.union === 'Actor' ? Actor : Node;
  return spec.one ? () => shown : () => [shown];
}

function linkResolver(label: Label, fields: readonly LinkFieldSpec[]): ClassType {
  class LinkResolver {}
  const prototype = LinkResolver.prototype as Record<string, unknown>;
  for (const spec of fields) {
    prototype[spec.field] = spec.one
      ? (node: GraphNode, ctx: Context) => linkedOne(ctx, node, spec)
      : (node: GraphNode, ctx: Context) => linked(ctx, node, spec);
    // What @Root() and @Ctx() on the parameters and @FieldResolver on the method would do, for a method made here.
    Root()(prototype, spec.field, 0);
    Ctx()(prototype, spec.field, 1);
    const descriptor = Object.getOwnPropertyDescriptor(prototype, spec.field)!;
    FieldResolver(returnType(spec) as () => typeof String, { nullable: spec.one, description: spec.description })(
      prototype,
      spec.field,
      descriptor,
    );
  }
  Resolver(() => typeOf(label))(LinkResolver);
  Object.defineProperty(LinkResolver, 'name', { value: `${label}LinkResolver` });
  return LinkResolver;
}

export const LINK_RESOLVERS: ClassType[] = [...TYPE_BY_LABEL.keys()]
  .map((label) => [label, Object.values(LINKS[label])] as const)
  .filter(([, fields]) => fields.length > 0)
  .map(([label, fields]) => linkResolver(label, fields));
