// A job or role in an organisation or programme (Health Improvement Officer, Programme Manager).
import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.js';

@ObjectType({ implements: Node, description: 'A job or role in an organisation or programme (Health Improvement Officer, Programme Manager).' })
export class Role extends Node {
  @Field(() => String, { description: "The role's title." })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the role does.' })
  description?: string;
}
