// A group of stakeholders a programme communicates with.
import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.js';

@ObjectType({ implements: Node, description: 'A group of stakeholders a programme communicates with.' })
export class StakeholderGroup extends Node {
  @Field(() => String, { description: "The group's name." })
  name!: string;

  @Field(() => String, { description: 'Their summary of need, as written.' })
  need!: string;

  @Field(() => String, { nullable: true, description: 'More about the group.' })
  description?: string;
}
