// An area's fields that read more than one link: the footprint and region above it, the organisations in it.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Label as L, Rel } from '../../../schema/graph.js';
import { Area, Organisation } from '../../../schema/graphql/index.js';
import { linkSpec } from '../../../schema/model.js';
import type { GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import { linked } from './support.js';

export const ANCESTORS = linkSpec(L.Area, Rel.AREA_PART_OF, 'out', [L.Area], { maxHops: 3 });
const COVERED_BY = linkSpec(L.Area, Rel.ORGANISATION_COVERS, 'in', [L.Organisation]);
const BASE_OF = linkSpec(L.Area, Rel.BASED_IN, 'in', [L.Organisation]);

@Resolver(() => Area)
export class AreaResolver {
  @FieldResolver(() => Area, { nullable: true, description: 'The STP footprint it lies in, for a borough.' })
  async footprint(@Root() area: GraphNode, @Ctx() ctx: Context) {
    return (await linked(ctx, area, ANCESTORS)).find((a) => a.level === 'FOOTPRINT') ?? null;
  }

  @FieldResolver(() => Area, { nullable: true, description: 'The NHS England region it lies in.' })
  async region(@Root() area: GraphNode, @Ctx() ctx: Context) {
    return (await linked(ctx, area, ANCESTORS)).find((a) => a.level === 'REGION') ?? null;
  }

  @FieldResolver(() => [Organisation], { description: 'Organisations responsible for the area or based in it.' })
  async organisations(@Root() area: GraphNode, @Ctx() ctx: Context) {
    const [covering, based] = await Promise.all([linked(ctx, area, COVERED_BY), linked(ctx, area, BASE_OF)]);
    const seen = new Set<string>();
    return [...covering, ...based].filter((o) => !seen.has(o.id) && seen.add(o.id));
  }
}
