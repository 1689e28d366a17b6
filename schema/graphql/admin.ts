// The admin mutations' GraphQL shapes: kinds of record and link, and entries of the audit trail.
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LABELS, RELS } from '../graph.js';

export const RecordKindEnum = Object.fromEntries(LABELS.map((l) => [l, l]));
registerEnumType(RecordKindEnum, { name: 'RecordKind', description: 'A kind of record in the graph (its label).' });

export const LinkTypeEnum = Object.fromEntries(RELS.map((r) => [r, r]));
registerEnumType(LinkTypeEnum, {
  name: 'LinkType',
  description: 'A kind of link between records (see schema/model.ts for what each joins).',
});

export const ChangeActionEnum = {
  CREATE: 'CREATE',
  UPDATE: 'UPDATE',
  RETIRE: 'RETIRE',
  RESTORE: 'RESTORE',
  LINK: 'LINK',
  UNLINK: 'UNLINK',
  IMPORT: 'IMPORT',
} as const;
registerEnumType(ChangeActionEnum, { name: 'ChangeAction', description: 'What an admin did.' });

@ObjectType({
  description: 'One entry of the audit trail: who changed a record, when, and what it was before and after.',
})
export class Change {
  @Field(() => ID, { description: "The entry's id." })
  id!: string;

  @Field(() => String, {
    description: 'Id of the record changed (for links, the record the link starts from; "import" for imports).',
  })
  nodeId!: string;

  @Field(() => String, { description: 'When, as an ISO date and time.' })
  at!: string;

  @Field(() => String, {
    description:
      'Who made the change: an API key by its name and id, a sign-in token by its OIDC subject, "bootstrap token" for ADMIN_TOKEN, or who ran an import.',
  })
  actor!: string;

  @Field(() => ChangeActionEnum, { description: 'What they did.' })
  action!: string;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "The record's properties (or the link) before the change.",
  })
  before?: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "The record's properties (or the link) after the change.",
  })
  after?: Record<string, unknown> | null;
}
