// A service's opening hours in GraphQL (Service.openingHours), read from the Open Referral UK schedules its import kept.
//
// Derived, not modelled: the schedules are kept whole in the service's internal `oruk` JSON, which /oruk gives back
// as published, and stay the one copy of them. Declaring opening hours in schema/concepts/service.ts would need a
// property type for a list of structured values that the model does not have (its validation, admin form and
// importer spec with it), and would make a second copy that an admin's edit would part from the feed's. Read here,
// they cost no round trip (the property comes with the node) and always say what the feed says.
import { Field, Int, ObjectType, registerEnumType, Resolver, Root, FieldResolver } from 'type-graphql';
import { DAYS, type Day } from '../../../contract/opening-hours.js';
import { Service } from '../../../schema/graphql/index.js';
import type { GraphNode } from '../../database/nodes.js';
import { openingHoursOf } from '../../oruk/schedules.js';

const DayOfWeek = Object.fromEntries(DAYS.map((d) => [d, d])) as Record<Day, Day>;
registerEnumType(DayOfWeek, { name: 'DayOfWeek', description: 'A day of the week.' });

@ObjectType({
  description:
    'When a service is open, from a schedule its Open Referral UK feed published: one day of the week with its times, or (without a day) what the feed says in words.',
})
export class OpeningHours {
  @Field(() => DayOfWeek, { nullable: true, description: 'The day; null when the schedule names no day of the week.' })
  day!: Day | null;

  @Field(() => String, { nullable: true, description: 'When it opens: local time, 24-hour HH:MM (09:00).' })
  opens!: string | null;

  @Field(() => String, { nullable: true, description: 'When it closes: local time, 24-hour HH:MM (17:30).' })
  closes!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Only this week’s day in each month: 1 to 5 (2 is the second Monday), -1 the last.',
  })
  weekOfMonth!: number | null;

  @Field(() => Int, { nullable: true, description: 'Open every this many weeks (2 is fortnightly); null for weekly.' })
  everyWeeks!: number | null;

  @Field(() => String, { nullable: true, description: 'The first date these hours hold, as an ISO date.' })
  validFrom!: string | null;

  @Field(() => String, { nullable: true, description: 'The last date these hours hold, as an ISO date.' })
  validTo!: string | null;

  @Field(() => String, { nullable: true, description: 'The publisher’s own words: its description and notes.' })
  note!: string | null;
}

@Resolver(() => Service)
export class ServiceResolver {
  @FieldResolver(() => [OpeningHours], {
    description:
      'When it is open, Monday first, from the schedules of its Open Referral UK import; empty when none are published.',
  })
  openingHours(@Root() service: GraphNode): OpeningHours[] {
    return openingHoursOf(service.oruk);
  }
}
