// Communities of the partnership network and their brokers, and a target's trajectory against its line.
import { Arg, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';
import { ErrorCode } from '../../../schema/errors.js';
import { Label as L, Rel } from '../../../schema/graph.js';
import { Target } from '../../../schema/graphql/index.js';
import { Communities, TargetTrajectory } from '../../../schema/graphql/patterns.js';
import { linkSpec } from '../../../schema/model.js';
import { MAX_COMMUNITY_MEMBERS, ProjectionTooLargeError } from '../../database/communities.js';
import type { GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import { trajectoryOf } from '../trajectory.js';
import { measureInArea } from './off-thread.js';
import { clientError, linked } from './support.js';

const READINGS = linkSpec(L.Target, Rel.HAS_READING, 'out', [L.TargetReading]);

@Resolver()
export class CommunitiesResolver {
  @Query(() => Communities, {
    description:
      'Communities of the partnership network (Louvain on organisations linked by shared programmes) and the brokers between them, in an area or everywhere.',
  })
  async communities(
    @Arg('area', () => String, {
      nullable: true,
      description:
        'Only programmes covering this area (its key), an area within it or an area it lies in; everywhere if not given.',
    })
    area: string | null | undefined,
    @Arg('resolution', () => Float, {
      defaultValue: 1,
      description: 'From 0.1 to 10: 1 is standard modularity; higher finds more, smaller communities.',
    })
    resolution: number,
    @Arg('seed', () => Int, {
      defaultValue: 1,
      description: 'Seed of the random source Louvain breaks ties with: the same seed gives the same answer.',
    })
    seed: number,
    @Ctx() ctx: Context,
  ) {
    if (!Number.isFinite(resolution) || resolution < 0.1 || resolution > 10)
      throw clientError(ErrorCode.BAD_USER_INPUT, `resolution must be from 0.1 to 10, not ${resolution}.`, {
        argument: 'resolution',
      });
    return measureInArea(
      ctx,
      area,
      { bound: MAX_COMMUNITY_MEMBERS, verb: 'partition', what: 'Finding the communities' },
      async (place, network) => {
        try {
          const found = await place.communities(network, { resolution, seed });
          return { ...found, count: found.communities.length };
        } catch (error) {
          if (error instanceof ProjectionTooLargeError)
            throw clientError(ErrorCode.BAD_USER_INPUT, `${error.message} Give a smaller area.`, { argument: 'area' });
          throw error;
        }
      },
    );
  }
}

@Resolver(() => Target)
export class TrajectoryResolver {
  @FieldResolver(() => TargetTrajectory, {
    description:
      'Its readings over time against the line from the first reading to the target value by the deadline, and whether on track.',
  })
  async trajectory(@Root() target: GraphNode, @Ctx() ctx: Context) {
    const readings = await linked(ctx, target, READINGS);
    return trajectoryOf(
      {
        value: Number(target.value),
        unit: typeof target.unit === 'string' ? target.unit : undefined,
        deadline: typeof target.deadline === 'string' ? target.deadline : null,
      },
      readings.map((r) => ({ date: String(r.date), value: Number(r.value) })),
    );
  }
}
