// A measurement of progress towards a target.
import { Field, Float, ObjectType } from 'type-graphql';
import { Node } from './node.js';

@ObjectType({ implements: Node, description: 'A measurement of progress towards a target.' })
export class TargetReading extends Node {
  @Field(() => Float, { description: 'The measured value.' })
  value!: number;

  @Field(() => String, { description: 'When it was measured.' })
  date!: string;

  @Field(() => String, { nullable: true, description: 'How it was measured.' })
  note?: string;
}
