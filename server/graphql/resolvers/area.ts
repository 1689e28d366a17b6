// An area's relationships: up and down the hierarchy, and the organisations, services and programmes in it.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Label as L, Rel } from '../../../schema/graph.js';
import { Area, Organisation, Programme, Service } from '../../../schema/graphql/index.js';
import type { GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import { linked, linkedOne } from './support.js';

const ANCESTORS = { from: L.Area, rel: Rel.AREA_PART_OF, direction: 'out', to: [L.Area], maxHops: 3 } as const;

@Resolver(() => Area)
export class AreaResolver {
  @FieldResolver(() => Area, { nullable: true, description: 'The area it is part of: a borough\'s footprint, a footprint\'s region.' })
  parent(@Root() area: GraphNode, @Ctx() ctx: Context) {
    return linkedOne(ctx, area, { from: L.Area, rel: Rel.AREA_PART_OF, direction: 'out', to: [L.Area] });
  }

  @FieldResolver(() => [Area], { description: 'The areas directly inside it: a footprint\'s boroughs, a region\'s footprints.' })
  children(@Root() area: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, area, { from: L.Area, rel: Rel.AREA_PART_OF, direction: 'in', to: [L.Area] });
  }

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
    const [covering, based] = await Promise.all([
      linked(ctx, area, { from: L.Area, rel: Rel.ORGANISATION_COVERS, direction: 'in', to: [L.Organisation] }),
      linked(ctx, area, { from: L.Area, rel: Rel.BASED_IN, direction: 'in', to: [L.Organisation] }),
    ]);
    const seen = new Set<string>();
    return [...covering, ...based].filter((o) => !seen.has(o.id) && seen.add(o.id));
  }

  @FieldResolver(() => [Service], { description: 'Services available in the area itself (search finds those of its footprint too).' })
  services(@Root() area: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, area, { from: L.Area, rel: Rel.AVAILABLE_IN, direction: 'in', to: [L.Service] });
  }

  @FieldResolver(() => [Programme], { description: 'Programmes covering the area.' })
  programmes(@Root() area: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, area, { from: L.Area, rel: Rel.PROGRAMME_COVERS, direction: 'in', to: [L.Programme] });
  }
}
