// A measurable target of a programme.
import { Field, Float, ObjectType } from 'type-graphql';
import { Node } from './node.js';

@ObjectType({ implements: Node, description: 'A measurable target of a programme.' })
export class Target extends Node {
  @Field(() => String, { description: 'The target in words.' })
  name!: string;

  @Field(() => String, { description: 'What is measured.' })
  metric!: string;

  @Field(() => Float, { description: 'The target value.' })
  value!: number;

  @Field(() => String, { nullable: true, description: 'Unit of the value.' })
  unit?: string;

  @Field(() => String, { nullable: true, description: 'When it is to be met (ISO date or month).' })
  deadline?: string;

  @Field(() => String, { nullable: true, description: 'More about it.' })
  description?: string;
}
