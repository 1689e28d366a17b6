// Patterns analysts look for: communities of partners and their brokers, a target's trajectory, a programme over time.
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Change } from './admin.js';
import { NetworkNode } from './network.js';

@ObjectType({ description: 'A member of a community that shares programmes with other communities too.' })
export class CommunityBroker {
  @Field(() => NetworkNode, { description: 'The organisation.' })
  node!: NetworkNode;

  @Field(() => Float, {
    description:
      'Normalised betweenness (0 to 1) in the organisation–programme network, as mostConnected ranks it: how much it bridges.',
  })
  betweenness!: number;

  @Field(() => Int, { description: 'How many other communities it shares a programme with.' })
  otherCommunities!: number;
}

@ObjectType({ description: 'A group of organisations that take part in programmes together more than with others.' })
export class Community {
  @Field(() => Int, { description: 'Its number: 1 is the largest, ties by its first member’s name.' })
  number!: number;

  @Field(() => Int, { description: 'How many organisations it has; members lists the first of them by name.' })
  size!: number;

  @Field(() => [NetworkNode], { description: 'Its organisations, by name.' })
  members!: NetworkNode[];

  @Field(() => Int, { description: 'Shared programmes counted over every pair of its members: how tightly knit.' })
  internalWeight!: number;

  @Field(() => [CommunityBroker], {
    description: 'Up to five members that also share programmes with other communities, the most bridging first.',
  })
  brokers!: CommunityBroker[];
}

@ObjectType({
  description:
    'Communities of the partnership network found by Louvain on organisations linked by the programmes they share (weighted by how many), with the same answer for the same seed.',
})
export class Communities {
  @Field(() => Float, { description: 'Modularity of the partition (−0.5 to 1): above 0.3 is a clear structure.' })
  modularity!: number;

  @Field(() => Int, { description: 'Organisations partitioned.' })
  organisations!: number;

  @Field(() => Int, { description: 'Pairs of organisations that share at least one programme.' })
  links!: number;

  @Field(() => Float, { description: 'The resolution used: 1 is standard modularity, higher finds smaller groups.' })
  resolution!: number;

  @Field(() => Int, { description: 'The seed of the random source: the same seed gives the same communities.' })
  seed!: number;

  @Field(() => Int, { description: 'How many communities there are; communities lists the first of them.' })
  count!: number;

  @Field(() => [Community], { description: 'The communities, largest first.' })
  communities!: Community[];
}

@ObjectType({ description: 'A value on a date: a reading, or where the target line is.' })
export class TrajectoryPoint {
  @Field(() => String, { description: 'ISO date.' })
  date!: string;

  @Field(() => Float, { description: 'The value.' })
  value!: number;
}

@ObjectType({
  description:
    'A target’s readings over time against its line: a straight line from the baseline (the first reading) to the target value at the deadline.',
})
export class TargetTrajectory {
  @Field(() => Float, { description: 'The target value.' })
  target!: number;

  @Field(() => String, { nullable: true, description: 'The unit of the values (people, percent).' })
  unit?: string;

  @Field(() => String, { nullable: true, description: 'The deadline, as an ISO date (a month’s last day).' })
  deadline?: string | null;

  @Field(() => [TrajectoryPoint], { description: 'The readings, oldest first.' })
  readings!: TrajectoryPoint[];

  @Field(() => [TrajectoryPoint], {
    description:
      'The target line as its two ends, baseline then deadline; empty without a reading or a deadline to draw it from.',
  })
  line!: TrajectoryPoint[];

  @Field(() => Float, {
    nullable: true,
    description: 'Where the line is on the latest reading’s date: what the latest reading is measured against.',
  })
  expectedAtLatest?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether the latest reading is on or ahead of the line (or the target met); null with fewer than two readings or no deadline.',
  })
  onTrack?: boolean | null;

  @Field(() => String, { description: 'In words: how the line is drawn, or why it cannot be.' })
  basis!: string;
}

@ObjectType({ description: 'A partner of a programme as it was on a date.' })
export class PartnerAsOf {
  @Field(() => ID, { description: 'The organisation’s id.' })
  id!: string;

  @Field(() => String, { description: 'Its name then.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Its role in the programme then.' })
  role?: string | null;
}

@ObjectType({ description: 'An action of a programme as it was on a date.' })
export class ActionAsOf {
  @Field(() => ID, { description: 'The action’s id.' })
  id!: string;

  @Field(() => String, { description: 'Its name then.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Its status then.' })
  status?: string | null;

  @Field(() => String, { nullable: true, description: 'Its due date then.' })
  dueDate?: string | null;

  @Field(() => Boolean, { description: 'Whether it was retired then.' })
  retired!: boolean;
}

@ObjectType({
  description:
    'A programme as it was at a moment, read back from the audit trail: today’s graph with every later change undone.',
})
export class ProgrammeAsOf {
  @Field(() => String, { description: 'The moment asked about, as an ISO date and time.' })
  asOf!: string;

  @Field(() => ID, { description: 'The programme’s id.' })
  id!: string;

  @Field(() => Boolean, { description: 'Whether the programme existed then.' })
  existed!: boolean;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Its properties then.' })
  properties?: Record<string, unknown> | null;

  @Field(() => [PartnerAsOf], { description: 'Its partners then, by name.' })
  partners!: PartnerAsOf[];

  @Field(() => [ActionAsOf], { description: 'Its own and its workstreams’ actions then, by name.' })
  actions!: ActionAsOf[];

  @Field(() => Int, { description: 'How many recorded changes to it were undone to read it as it was.' })
  changesSince!: number;
}

@ObjectType({ description: 'What changed between two moments: the audit trail’s entries, oldest first.' })
export class ChangesBetween {
  @Field(() => String, { description: 'From (exclusive), as an ISO date and time.' })
  from!: string;

  @Field(() => String, { description: 'To (inclusive), as an ISO date and time.' })
  to!: string;

  @Field(() => Int, { description: 'How many entries there are; changes lists the first of them.' })
  total!: number;

  @Field(() => [Change], {
    description: 'Records created, changed, retired and restored, links made and removed: who, when, before, after.',
  })
  changes!: Change[];
}
