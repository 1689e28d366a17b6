// A document the graph's knowledge was read from.
import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.js';

@ObjectType({ implements: Node, description: 'A document the graph\'s knowledge was read from.' })
export class SourceDocument extends Node {
  @Field(() => String, { description: "The document's title." })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What sort of document.' })
  kind?: string;

  @Field(() => String, { nullable: true, description: 'The file the knowledge was read from.' })
  file?: string;

  @Field(() => String, { nullable: true, description: 'Licence and credit, for reference data.' })
  attribution?: string;
}
