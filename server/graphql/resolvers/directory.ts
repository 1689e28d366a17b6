// Relationships of what the directory lists: services, resources, topics and roles.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Label as L, Rel } from '../../../schema/graph.js';
import { Action, Area, Location, Organisation, Person, Programme, Resource, Role, Service, Topic } from '../../../schema/graphql/index.js';
import { Node } from '../../../schema/graphql/node.js';
import type { GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import { linked, linkedOne } from './support.js';

@Resolver(() => Service)
export class ServiceResolver {
  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation providing it.' })
  provider(@Root() service: GraphNode, @Ctx() ctx: Context) {
    return linkedOne(ctx, service, { from: L.Service, rel: Rel.PROVIDED_BY, direction: 'out', to: [L.Organisation] });
  }

  @FieldResolver(() => [Area], { description: 'The areas it serves.' })
  areas(@Root() service: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, service, { from: L.Service, rel: Rel.AVAILABLE_IN, direction: 'out', to: [L.Area] });
  }

  @FieldResolver(() => [Topic], { description: 'What it helps with.' })
  topics(@Root() service: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, service, { from: L.Service, rel: Rel.ABOUT, direction: 'out', to: [L.Topic] });
  }

  @FieldResolver(() => [Location], { description: 'Where it is delivered.' })
  locations(@Root() service: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, service, { from: L.Service, rel: Rel.AT, direction: 'out', to: [L.Location] });
  }
}

@Resolver(() => Resource)
export class ResourceResolver {
  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation publishing it.' })
  publisher(@Root() resource: GraphNode, @Ctx() ctx: Context) {
    return linkedOne(ctx, resource, { from: L.Resource, rel: Rel.PUBLISHED_BY, direction: 'out', to: [L.Organisation] });
  }

  @FieldResolver(() => [Topic], { description: 'What it is about.' })
  topics(@Root() resource: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, resource, { from: L.Resource, rel: Rel.ABOUT, direction: 'out', to: [L.Topic] });
  }

  @FieldResolver(() => [Node], { description: 'The programmes, workstreams and actions it supports.' })
  supports(@Root() resource: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, resource, { from: L.Resource, rel: Rel.SUPPORTS, direction: 'out', to: [L.Programme, L.Workstream, L.Action] });
  }
}

@Resolver(() => Topic)
export class TopicResolver {
  @FieldResolver(() => [Service], { description: 'Services about this topic.' })
  services(@Root() topic: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, topic, { from: L.Topic, rel: Rel.ABOUT, direction: 'in', to: [L.Service] });
  }

  @FieldResolver(() => [Resource], { description: 'Resources about this topic.' })
  resources(@Root() topic: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, topic, { from: L.Topic, rel: Rel.ABOUT, direction: 'in', to: [L.Resource] });
  }

  @FieldResolver(() => [Programme], { description: 'Programmes about this topic or signposting to it.' })
  async programmes(@Root() topic: GraphNode, @Ctx() ctx: Context) {
    const [about, signposting] = await Promise.all([
      linked(ctx, topic, { from: L.Topic, rel: Rel.ABOUT, direction: 'in', to: [L.Programme] }),
      linked(ctx, topic, { from: L.Topic, rel: Rel.SIGNPOSTS_TO, direction: 'in', to: [L.Programme] }),
    ]);
    const seen = new Set<string>();
    return [...about, ...signposting].filter((p) => !seen.has(p.id) && seen.add(p.id));
  }
}

@Resolver(() => Role)
export class RoleResolver {
  @FieldResolver(() => [Organisation], { description: 'The organisations the role belongs to.' })
  organisations(@Root() role: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, role, { from: L.Role, rel: Rel.ROLE_IN, direction: 'out', to: [L.Organisation] });
  }

  @FieldResolver(() => [Programme], { description: 'The programmes the role belongs to.' })
  programmes(@Root() role: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, role, { from: L.Role, rel: Rel.ROLE_IN, direction: 'out', to: [L.Programme] });
  }

  @FieldResolver(() => [Person], { description: 'People holding the role.' })
  holders(@Root() role: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, role, { from: L.Role, rel: Rel.HOLDS, direction: 'in', to: [L.Person] });
  }

  @FieldResolver(() => [Action], { description: 'Actions the role leads, delivers or supports.' })
  actions(@Root() role: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, role, { from: L.Role, rel: Rel.LED_BY, direction: 'in', to: [L.Action] });
  }
}
