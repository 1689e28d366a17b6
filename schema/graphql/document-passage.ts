// A source document's passages with the records and links each holds, as GraphQL types (its plain page reads them).
import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.js';
import { Passage } from './passage.js';

@ObjectType({
  description: 'A link read from a passage: its type, its two ends, and whether the document only implies it.',
})
export class PassageLink {
  @Field(() => String, { description: 'The relationship type, as the model names it (PARTNER_IN, HAS_ACTION, ...).' })
  type!: string;

  @Field(() => Node, { description: 'Where the link starts.' })
  from!: object;

  @Field(() => Node, { description: 'Where the link ends.' })
  to!: object;

  @Field(() => Boolean, {
    description: 'True when the document does not state the link and it was read into it; inference says why.',
  })
  inferred!: boolean;

  @Field(() => String, { nullable: true, description: 'Why an inferred link was read into its document.' })
  inference?: string;
}

@ObjectType({ description: 'A passage of a document with the records and links it holds.' })
export class DocumentPassage extends Passage {
  @Field(() => [Node], { description: 'The records the passage holds (or one of whose properties it holds).' })
  records!: object[];

  @Field(() => [PassageLink], { description: 'The links the passage states.' })
  links!: PassageLink[];
}
