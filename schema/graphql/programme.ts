// A programme of work run in partnership: a work programme, a roll-out, an action plan, a communication plan.
import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.js';

@ObjectType({ implements: Node, description: 'A programme of work run in partnership: a work programme, a roll-out, an action plan, a communication plan.' })
export class Programme extends Node {
  @Field(() => String, { description: "The programme's name." })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the programme is.' })
  description?: string;

  @Field(() => String, { nullable: true, description: 'The period it runs for, as written (2017/18).' })
  period?: string;

  @Field(() => String, { nullable: true, description: 'Start date (ISO date or month).' })
  startDate?: string;

  @Field(() => String, { nullable: true, description: 'End or delivery date (ISO date or month).' })
  endDate?: string;

  @Field(() => [String], { nullable: true, description: 'What it sets out to do.' })
  aims?: string[];

  @Field(() => [String], { nullable: true, description: 'Why it is better for people.' })
  benefitsForPeople?: string[];

  @Field(() => [String], { nullable: true, description: 'Why it is better for the health and care system.' })
  benefitsForSystem?: string[];

  @Field(() => [String], { nullable: true, description: 'The outcomes expected.' })
  expectedOutcomes?: string[];

  @Field(() => String, { nullable: true, description: 'Where it is published.' })
  url?: string;
}
