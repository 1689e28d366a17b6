// An organisation's partnerships: the programmes it takes part in, each with its role. Its plain links are the model's.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Label as L, Rel } from '../../../schema/graph.js';
import { Organisation } from '../../../schema/graphql/index.js';
import { Partnership, partnership } from '../../../schema/graphql/links.js';
import { linkSpec } from '../../../schema/model.js';
import type { GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import { follow } from './support.js';

export const PARTNERSHIPS = linkSpec(L.Organisation, Rel.PARTNER_IN, 'out', [L.Programme]);

@Resolver(() => Organisation)
export class OrganisationResolver {
  @FieldResolver(() => [Partnership], { description: 'The programmes it takes part in, with its role in each.' })
  async partnerships(@Root() org: GraphNode, @Ctx() ctx: Context) {
    const links = await follow(ctx, org, PARTNERSHIPS);
    return links.map((l) => partnership(l.rel, org, l.node));
  }
}
