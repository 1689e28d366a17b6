// An organisation's relationships: its partnerships in programmes, services, areas, parent and roles.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Label as L, Rel } from '../../../schema/graph.js';
import { Area, Organisation, Resource, Role, Service } from '../../../schema/graphql/index.js';
import { Partnership } from '../../../schema/graphql/links.js';
import type { GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import { follow, linked, linkedOne } from './support.js';

@Resolver(() => Organisation)
export class OrganisationResolver {
  @FieldResolver(() => [Partnership], { description: 'The programmes it takes part in, with its role in each.' })
  async partnerships(@Root() org: GraphNode, @Ctx() ctx: Context) {
    const links = await follow(ctx, org, { from: L.Organisation, rel: Rel.PARTNER_IN, direction: 'out', to: [L.Programme] });
    return links.map((l) => ({ role: l.rel.role, organisation: org, programme: l.node }));
  }

  @FieldResolver(() => [Service], { description: 'The services it provides.' })
  services(@Root() org: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, org, { from: L.Organisation, rel: Rel.PROVIDED_BY, direction: 'in', to: [L.Service] });
  }

  @FieldResolver(() => [Area], { description: 'The areas it is responsible for (a council\'s borough, an ICB\'s footprint).' })
  areasCovered(@Root() org: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, org, { from: L.Organisation, rel: Rel.ORGANISATION_COVERS, direction: 'out', to: [L.Area] });
  }

  @FieldResolver(() => [Area], { description: 'Where it is based.' })
  basedIn(@Root() org: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, org, { from: L.Organisation, rel: Rel.BASED_IN, direction: 'out', to: [L.Area] });
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation it is part of (a GP practice\'s CCG).' })
  parent(@Root() org: GraphNode, @Ctx() ctx: Context) {
    return linkedOne(ctx, org, { from: L.Organisation, rel: Rel.ORGANISATION_PART_OF, direction: 'out', to: [L.Organisation] });
  }

  @FieldResolver(() => [Organisation], { description: 'The organisations that are part of it.' })
  children(@Root() org: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, org, { from: L.Organisation, rel: Rel.ORGANISATION_PART_OF, direction: 'in', to: [L.Organisation] });
  }

  @FieldResolver(() => [Organisation], { description: 'The organisations that took over its work (a CCG\'s ICB).' })
  successors(@Root() org: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, org, { from: L.Organisation, rel: Rel.SUCCEEDED_BY, direction: 'out', to: [L.Organisation] });
  }

  @FieldResolver(() => [Role], { description: 'Roles in the organisation named in the graph.' })
  roles(@Root() org: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, org, { from: L.Organisation, rel: Rel.ROLE_IN, direction: 'in', to: [L.Role] });
  }

  @FieldResolver(() => [Resource], { description: 'The resources it publishes.' })
  resources(@Root() org: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, org, { from: L.Organisation, rel: Rel.PUBLISHED_BY, direction: 'in', to: [L.Resource] });
  }
}
