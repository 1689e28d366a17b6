// Something a programme will do, with its status, due date or recurrence, and who leads it.
import { Field, Int, ObjectType } from 'type-graphql';
import { ActionStatusEnum, RecurrenceEnum } from './enums.js';
import { Node } from './node.js';

@ObjectType({ implements: Node, description: 'Something a programme will do, with its status, due date or recurrence, and who leads it.' })
export class Action extends Node {
  @Field(() => String, { description: 'What is to be done, as written.' })
  name!: string;

  @Field(() => ActionStatusEnum, { description: 'Where the action stands.' })
  status!: string;

  @Field(() => Int, { nullable: true, description: 'Its order in its workstream or programme.' })
  position?: number;

  @Field(() => String, { nullable: true, description: 'The output it serves.' })
  output?: string;

  @Field(() => String, { nullable: true, description: 'The outcome it serves.' })
  outcome?: string;

  @Field(() => String, { nullable: true, description: 'When it is due (ISO date or month).' })
  dueDate?: string;

  @Field(() => String, { nullable: true, description: 'The due date or timing as written in the source.' })
  dueText?: string;

  @Field(() => RecurrenceEnum, { nullable: true, description: 'For recurring actions instead of a due date.' })
  recurrence?: string;

  @Field(() => String, { nullable: true, description: 'When it was completed (ISO date or month).' })
  completedDate?: string;

  @Field(() => String, { nullable: true, description: 'Who leads it, as written in the source.' })
  leadText?: string;

  @Field(() => String, { nullable: true, description: 'More about it.' })
  description?: string;
}
