// A resource: e-learning, communication materials, a toolkit, a website, a newsletter, a letter.
import { Field, ObjectType } from 'type-graphql';
import { ResourceKindEnum, ResourceStatusEnum } from './enums.js';
import { Node } from './node.js';

@ObjectType({ implements: Node, description: 'A resource: e-learning, communication materials, a toolkit, a website, a newsletter, a letter.' })
export class Resource extends Node {
  @Field(() => String, { description: "The resource's title." })
  name!: string;

  @Field(() => ResourceKindEnum, { description: 'What sort of resource.' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'Where to find it.' })
  url?: string;

  @Field(() => String, { nullable: true, description: 'Who it is for.' })
  audience?: string;

  @Field(() => ResourceStatusEnum, { nullable: true, description: 'Whether it exists yet.' })
  status?: string;

  @Field(() => String, { nullable: true, description: 'What it is.' })
  description?: string;
}
