// A topic of the taxonomy shared by services, resources and programmes (stop smoking, immunisation).
import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.js';

@ObjectType({ implements: Node, description: 'A topic of the taxonomy shared by services, resources and programmes (stop smoking, immunisation).' })
export class Topic extends Node {
  @Field(() => String, { description: "The topic's name." })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What it covers.' })
  description?: string;
}
