// A topic's programmes: those about it and those signposting to it, once each. Its other links are the model's.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Label as L, Rel } from '../../../schema/graph.js';
import { Programme, Topic } from '../../../schema/graphql/index.js';
import { linkSpec } from '../../../schema/model.js';
import type { GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import { linked } from './support.js';

const ABOUT_IT = linkSpec(L.Topic, Rel.ABOUT, 'in', [L.Programme]);
const SIGNPOSTING_TO_IT = linkSpec(L.Topic, Rel.SIGNPOSTS_TO, 'in', [L.Programme]);

@Resolver(() => Topic)
export class TopicResolver {
  @FieldResolver(() => [Programme], { description: 'Programmes about this topic or signposting to it.' })
  async programmes(@Root() topic: GraphNode, @Ctx() ctx: Context) {
    const [about, signposting] = await Promise.all([
      linked(ctx, topic, ABOUT_IT),
      linked(ctx, topic, SIGNPOSTING_TO_IT),
    ]);
    const seen = new Set<string>();
    return [...about, ...signposting].filter((p) => !seen.has(p.id) && seen.add(p.id));
  }
}
