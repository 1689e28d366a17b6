// Relationships of stakeholder engagement and events: who needs what engagement, how, and who took part.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Label as L, Rel } from '../../../schema/graph.js';
import { CommunicationActivity, Event, Programme, StakeholderGroup, Topic } from '../../../schema/graphql/index.js';
import { Actor, Delivery, EngagementNeed } from '../../../schema/graphql/links.js';
import { Node } from '../../../schema/graphql/node.js';
import type { GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import { follow, linked, linkedOne } from './support.js';

const ACTORS = [L.Role, L.Person, L.Organisation] as const;

@Resolver(() => StakeholderGroup)
export class StakeholderGroupResolver {
  @FieldResolver(() => [EngagementNeed], { description: 'The engagement it needs: awareness, involvement, commitment, with any limits.' })
  async needs(@Root() group: GraphNode, @Ctx() ctx: Context) {
    const links = await follow(ctx, group, { from: L.StakeholderGroup, rel: Rel.NEEDS, direction: 'out', to: [L.EngagementLevel] });
    const order = ['AWARENESS', 'INVOLVEMENT', 'COMMITMENT'];
    return links
      .map((l) => ({ level: l.node.level, qualifier: l.rel.qualifier, definition: l.node }))
      .sort((a, b) => order.indexOf(String(a.level)) - order.indexOf(String(b.level)));
  }

  @FieldResolver(() => [Programme], { description: 'Programmes engaging this group.' })
  programmes(@Root() group: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, group, { from: L.StakeholderGroup, rel: Rel.ENGAGES, direction: 'in', to: [L.Programme] });
  }

  @FieldResolver(() => [CommunicationActivity], { description: 'How programmes communicate with the group.' })
  communications(@Root() group: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, group, { from: L.StakeholderGroup, rel: Rel.FOR, direction: 'in', to: [L.CommunicationActivity] });
  }
}

@Resolver(() => CommunicationActivity)
export class CommunicationActivityResolver {
  @FieldResolver(() => StakeholderGroup, { nullable: true, description: 'The stakeholder group it is for.' })
  group(@Root() activity: GraphNode, @Ctx() ctx: Context) {
    return linkedOne(ctx, activity, { from: L.CommunicationActivity, rel: Rel.FOR, direction: 'out', to: [L.StakeholderGroup] });
  }

  @FieldResolver(() => [Actor], { description: 'Who is responsible for producing it.' })
  producedBy(@Root() activity: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, activity, { from: L.CommunicationActivity, rel: Rel.PRODUCED_BY, direction: 'out', to: ACTORS });
  }

  @FieldResolver(() => [Delivery], { description: 'Who delivers it, and where or when.' })
  async deliveredBy(@Root() activity: GraphNode, @Ctx() ctx: Context) {
    const links = await follow(ctx, activity, { from: L.CommunicationActivity, rel: Rel.DELIVERED_BY, direction: 'out', to: ACTORS });
    return links.map((l) => ({ occasion: l.rel.occasion, by: l.node }));
  }
}

@Resolver(() => Event)
export class EventResolver {
  @FieldResolver(() => [Node], { description: 'Who organised it.' })
  organisers(@Root() event: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, event, { from: L.Event, rel: Rel.ORGANISED, direction: 'in', to: [...ACTORS, L.Programme] });
  }

  @FieldResolver(() => [Node], { description: 'Who took part: organisations, people, roles and stakeholder groups.' })
  participants(@Root() event: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, event, { from: L.Event, rel: Rel.TOOK_PART_IN, direction: 'in', to: [...ACTORS, L.StakeholderGroup] });
  }

  @FieldResolver(() => Programme, { nullable: true, description: 'The programme it belongs to.' })
  programme(@Root() event: GraphNode, @Ctx() ctx: Context) {
    return linkedOne(ctx, event, { from: L.Event, rel: Rel.EVENT_OF, direction: 'out', to: [L.Programme] });
  }

  @FieldResolver(() => [Topic], { description: 'What it is about.' })
  topics(@Root() event: GraphNode, @Ctx() ctx: Context) {
    return linked(ctx, event, { from: L.Event, rel: Rel.ABOUT, direction: 'out', to: [L.Topic] });
  }
}
