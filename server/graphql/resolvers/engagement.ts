// Engagement fields that carry a link's own knowledge: the engagement a stakeholder group needs, with its limits, and
// who delivers a communication, where or when.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { EngagementLevelKey, Label as L, Rel } from '../../../schema/graph.js';
import { CommunicationActivity, StakeholderGroup } from '../../../schema/graphql/index.js';
import { Delivery, EngagementNeed } from '../../../schema/graphql/links.js';
import { linkSpec } from '../../../schema/model.js';
import type { GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import { follow } from './support.js';

const NEEDS = linkSpec(L.StakeholderGroup, Rel.NEEDS, 'out', [L.EngagementLevel]);
const DELIVERED_BY = linkSpec(L.CommunicationActivity, Rel.DELIVERED_BY, 'out', [L.Role, L.Person, L.Organisation]);

@Resolver(() => StakeholderGroup)
export class StakeholderGroupResolver {
  @FieldResolver(() => [EngagementNeed], {
    description: 'The engagement it needs: awareness, involvement, commitment, with any limits.',
  })
  async needs(@Root() group: GraphNode, @Ctx() ctx: Context) {
    const links = await follow(ctx, group, NEEDS);
    // In the vocabulary's order, which is the order of commitment.
    const order: readonly string[] = EngagementLevelKey;
    return links
      .map((l) => ({ level: l.node.level, qualifier: l.rel.qualifier, definition: l.node }))
      .sort((a, b) => order.indexOf(String(a.level)) - order.indexOf(String(b.level)));
  }
}

@Resolver(() => CommunicationActivity)
export class CommunicationActivityResolver {
  @FieldResolver(() => [Delivery], { description: 'Who delivers it, and where or when.' })
  async deliveredBy(@Root() activity: GraphNode, @Ctx() ctx: Context) {
    const links = await follow(ctx, activity, DELIVERED_BY);
    return links.map((l) => ({ occasion: l.rel.occasion, by: l.node }));
  }
}
