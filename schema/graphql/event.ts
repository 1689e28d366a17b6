// An event, workshop, community of practice, meeting or training.
import { Field, ObjectType } from 'type-graphql';
import { EventKindEnum, EventStatusEnum } from './enums.js';
import { Node } from './node.js';

@ObjectType({ implements: Node, description: 'An event, workshop, community of practice, meeting or training.' })
export class Event extends Node {
  @Field(() => String, { description: "The event's name." })
  name!: string;

  @Field(() => EventKindEnum, { description: 'What sort of event.' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'When (ISO date).' })
  date?: string;

  @Field(() => EventStatusEnum, { nullable: true, description: 'Whether it has happened.' })
  status?: string;

  @Field(() => String, { nullable: true, description: 'Where, as written.' })
  place?: string;

  @Field(() => String, { nullable: true, description: 'What it is.' })
  description?: string;
}
