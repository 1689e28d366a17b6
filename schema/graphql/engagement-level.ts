// Awareness, involvement or commitment, with the key definitions of what each means.
import { Field, ObjectType } from 'type-graphql';
import { EngagementLevelKeyEnum } from './enums.js';
import { Node } from './node.js';

@ObjectType({ implements: Node, description: 'Awareness, involvement or commitment, with the key definitions of what each means.' })
export class EngagementLevel extends Node {
  @Field(() => String, { description: "The level's name." })
  name!: string;

  @Field(() => EngagementLevelKeyEnum, { description: 'The level as a code.' })
  level!: string;

  @Field(() => [String], { description: 'What the level means.' })
  definitions!: string[];
}
