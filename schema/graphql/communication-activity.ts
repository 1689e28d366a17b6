// One line of a programme's communication plan: how, how often, and for whom.
import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.js';

@ObjectType({ implements: Node, description: 'One line of a programme\'s communication plan: how, how often, and for whom.' })
export class CommunicationActivity extends Node {
  @Field(() => String, { description: 'A short name for the activity.' })
  name!: string;

  @Field(() => [String], { description: 'How the information is given.' })
  methods!: string[];

  @Field(() => String, { nullable: true, description: 'How often it goes out, as written.' })
  frequency?: string;
}
