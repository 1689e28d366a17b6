// A person. Their contact details are not public.
import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.js';

@ObjectType({ implements: Node, description: 'A person. Their contact details are not public.' })
export class Person extends Node {
  @Field(() => String, { description: "The person's name." })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Their job title.' })
  jobTitle?: string;

  @Field(() => String, { nullable: true, description: 'Work email address. Analysts and admins only.' })
  email?: string;

  @Field(() => String, { nullable: true, description: 'Work telephone. Analysts and admins only.' })
  phone?: string;
}
