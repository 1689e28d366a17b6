// A service people can use or be referred to.
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from './node.js';

@ObjectType({ implements: Node, description: 'A service people can use or be referred to.' })
export class Service extends Node {
  @Field(() => String, { description: "The service's name." })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the service does.' })
  description?: string;

  @Field(() => String, { nullable: true, description: "The service's web page." })
  url?: string;

  @Field(() => String, { nullable: true, description: 'Public contact email.' })
  email?: string;

  @Field(() => String, { nullable: true, description: 'Public contact telephone.' })
  phone?: string;

  @Field(() => String, { nullable: true, description: 'Who can use it.' })
  eligibility?: string;

  @Field(() => String, { nullable: true, description: 'How to be referred, or refer yourself.' })
  referralRoute?: string;

  @Field(() => Int, { nullable: true, description: 'Youngest age served.' })
  minimumAge?: number;

  @Field(() => Int, { nullable: true, description: 'Oldest age served.' })
  maximumAge?: number;
}
