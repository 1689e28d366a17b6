// What every node of the graph has in GraphQL: a stable id, its natural key, and whether it is demo data.
import { Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { Passage } from './passage.js';

@InterfaceType({
  description:
    'Anything in the graph. Ids are UUIDs derived from natural keys, so they stay the same across re-imports.',
  resolveType: (node: { __label?: string }) => node.__label,
})
export abstract class Node {
  @Field(() => ID, { description: 'Stable UUID, derived from the kind of record and its key.' })
  id!: string;

  @Field(() => String, { description: 'The natural key: an ODS or GSS code, a postcode, or a lower-case slug.' })
  key!: string;

  @Field(() => Boolean, { description: 'True for invented example records shown as demo data; false for real ones.' })
  demo!: boolean;

  @Field(() => Int, {
    description:
      'Goes up by one with every change; give it back to updateRecord so two admins cannot overwrite each other.',
  })
  version!: number;

  @Field(() => Boolean, {
    description: 'True when an admin has retired the record: it leaves lists and searches, and can be restored.',
  })
  retired!: boolean;
}

@ObjectType({ description: 'A document a record was read from, and where in it.' })
export class SourceReference {
  @Field(() => String, { description: "The document's title." })
  title!: string;

  @Field(() => String, { description: "The document's key: its text and passages are sourceDocument(key:)'s." })
  key!: string;

  @Field(() => String, {
    description:
      "The document's plain page, at the first passage that holds the record when there is one (/documents/<key>#q-<start>).",
  })
  url!: string;

  @Field(() => String, { nullable: true, description: 'What sort of document (action plan, reference data, ...).' })
  kind?: string;

  @Field(() => String, { nullable: true, description: 'Where in the document (a section, row or paragraph).' })
  ref?: string;

  @Field(() => String, { nullable: true, description: 'Licence and credit, for reference data.' })
  attribution?: string;

  @Field(() => [Passage], {
    description:
      "The passages of the document that hold the record, in the document's order; empty for reference data.",
  })
  passages!: Passage[];
}
