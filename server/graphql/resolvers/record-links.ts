// Admin: every link of a record, both ways and by type, so the console can list and undo any of them (a partnership
// with its role, a link no GraphQL field follows, a link to a retired record), not only the model's link fields.
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { ErrorCode } from '../../../schema/errors.js';
import type { Label, Rel } from '../../../schema/graph.js';
import { LinkTypeEnum } from '../../../schema/graphql/admin.js';
import { Node } from '../../../schema/graphql/node.js';
import { GRAPHQL_LABELS, RELATIONSHIP_MODEL } from '../../../schema/model.js';
import type { GraphNode } from '../../database/nodes.js';
import { MAX_LINKS } from '../../database/links.js';
import { recordLinks } from '../../database/record-links.js';
import type { Context } from '../context.js';
import { checkId, clientError } from './support.js';

export const LinkDirectionEnum = { OUT: 'out', IN: 'in' } as const;
registerEnumType(LinkDirectionEnum, {
  name: 'LinkDirection',
  description:
    'OUT: the record starts the link (unlinkRecords from it); IN: the other record does (unlinkRecords to it).',
});

@ObjectType({ description: 'Admin: one link of a record, seen from the record.' })
export class RecordLink {
  @Field(() => Node, { description: 'The record at the other end (retired ones included).' })
  other!: GraphNode;

  @Field(() => String, { description: 'The other record as people know it: its name, else its title, else its key.' })
  name!: string;

  @Field(() => GraphQLJSONObject, { description: "The link's own properties (a partner's role, a lead's part)." })
  properties!: Record<string, unknown>;
}

@ObjectType({ description: 'Admin: the links of one type and direction of a record.' })
export class RecordLinkGroup {
  @Field(() => LinkTypeEnum, { description: 'The kind of link.' })
  type!: Rel;

  @Field(() => LinkDirectionEnum, { description: 'Whether the record starts these links or ends them.' })
  direction!: 'out' | 'in';

  @Field(() => Int, {
    description: 'How many links of this type and direction the record has, however many are given.',
  })
  totalCount!: number;

  @Field(() => [RecordLink], { description: "The links, by the other record's name." })
  links!: RecordLink[];
}

/** The kinds GraphQL serves: the only ones the console can open, so the only ends worth listing. */
const SERVED = new Set<Label>(GRAPHQL_LABELS);
const RELATIONSHIPS = Object.entries(RELATIONSHIP_MODEL) as [Rel, (typeof RELATIONSHIP_MODEL)[Rel]][];

/** The types that may start at `label` and those that may end at it, as the model declares. */
export function linkTypesOf(label: Label): { outTypes: Rel[]; inTypes: Rel[] } {
  const joins = (ends: readonly Label[], others: readonly Label[]) =>
    ends.includes(label) && others.some((l) => SERVED.has(l));
  return {
    outTypes: RELATIONSHIPS.filter(([, spec]) => joins(spec.from, spec.to)).map(([type]) => type),
    inTypes: RELATIONSHIPS.filter(([, spec]) => joins(spec.to, spec.from)).map(([type]) => type),
  };
}

const nameOf = (node: GraphNode): string =>
  [node.name, node.title].find((v): v is string => typeof v === 'string' && v !== '') ?? node.key;

@Resolver()
export class RecordLinksResolver {
  @Query(() => [RecordLinkGroup], {
    description:
      'Admin: every link of a record in both directions, grouped by type, with their properties: the links to undo with unlinkRecords.',
  })
  async recordLinks(
    @Arg('id', () => ID, { description: "The record's id." }) id: string,
    @Arg('perType', () => Int, {
      defaultValue: 50,
      description: `At most this many links of each type and direction, 1 to ${MAX_LINKS}; totalCount says how many there are.`,
    })
    perType: number,
    @Ctx() ctx: Context,
  ): Promise<RecordLinkGroup[]> {
    checkId(id);
    if (!Number.isInteger(perType) || perType < 1 || perType > MAX_LINKS)
      throw clientError(ErrorCode.BAD_USER_INPUT, `perType must be between 1 and ${MAX_LINKS}.`, {
        argument: 'perType',
      });
    const node = await ctx.loaders.node.load(id);
    if (!node) throw clientError(ErrorCode.NOT_FOUND, `No record has id ${id}.`, { argument: 'id' });
    const groups = await recordLinks(ctx.db, {
      label: node.__label,
      id,
      ...linkTypesOf(node.__label),
      otherLabels: [...SERVED],
      limit: perType,
    });
    return groups.map((group) => ({
      ...group,
      links: group.links.map(({ other, properties }) => ({ other, properties, name: nameOf(other) })),
    }));
  }
}
