// A workstream of a programme, or one of its key areas of work.
import { Field, Int, ObjectType } from 'type-graphql';
import { WorkstreamKindEnum } from './enums.js';
import { Node } from './node.js';

@ObjectType({ implements: Node, description: 'A workstream of a programme, or one of its key areas of work.' })
export class Workstream extends Node {
  @Field(() => String, { description: "The workstream's name." })
  name!: string;

  @Field(() => WorkstreamKindEnum, { description: 'A workstream of deliverables, or a key area.' })
  kind!: string;

  @Field(() => Int, { nullable: true, description: 'Its number in the programme.' })
  position?: number;

  @Field(() => String, { nullable: true, description: 'A heading grouping several workstreams.' })
  group?: string;

  @Field(() => String, { nullable: true, description: 'About it.' })
  description?: string;
}
