// A place where a service is delivered.
import { Field, Float, ObjectType } from 'type-graphql';
import { Node } from './node.js';

@ObjectType({ implements: Node, description: 'A place where a service is delivered.' })
export class Location extends Node {
  @Field(() => String, { description: "The location's name." })
  name!: string;

  @Field(() => [String], { nullable: true, description: 'Postal address lines.' })
  addressLines?: string[];

  @Field(() => String, { nullable: true, description: 'Post town.' })
  town?: string;

  @Field(() => String, { nullable: true, description: 'Postcode.' })
  postcode?: string;

  @Field(() => Float, { nullable: true, description: 'Latitude (WGS84).' })
  latitude?: number;

  @Field(() => Float, { nullable: true, description: 'Longitude (WGS84).' })
  longitude?: number;
}
