// The relationships that carry knowledge of their own (a partner's role, a lead's part), as GraphQL types.
import { createUnionType, Field, ObjectType } from 'type-graphql';
import { EngagementLevelKeyEnum, LeadPartEnum, PartnershipRoleEnum } from './enums.js';
import { EngagementLevel, Organisation, Person, Programme, Role } from './index.js';
import { Passage, passageOf } from './passage.js';

const QUOTATION = {
  nullable: true,
  description: 'The passage of its document this was read from; null when no document states it (an admin added it).',
} as const;

/** Who can lead, deliver or produce something: a role, a person or an organisation. */
export const Actor = createUnionType({
  name: 'Actor',
  description: 'A role, a person or an organisation that leads, delivers or produces something.',
  types: () => [Role, Person, Organisation] as const,
  resolveType: (value) => (value as { __label?: string }).__label,
});

@ObjectType({ description: "An organisation's part in a programme." })
export class Partnership {
  @Field(() => PartnershipRoleEnum, {
    description: 'Lead, partner, funder, delivery partner, host or proposed partner.',
  })
  role!: string;

  @Field(() => Boolean, {
    description:
      'True when the document does not state this partnership and it was read into it; inference says why. Show it as an inference, not a fact.',
  })
  inferred!: boolean;

  @Field(() => String, { nullable: true, description: 'Why an inferred partnership was read into its document.' })
  inference?: string;

  @Field(() => Passage, QUOTATION)
  quotation?: Passage | null;

  @Field(() => Organisation, { description: 'The organisation.' })
  organisation!: object;

  @Field(() => Programme, { description: 'The programme.' })
  programme!: object;
}

/** A PARTNER_IN link as served: a partnership is inferred only when its data says so. */
export function partnership(rel: Record<string, unknown>, organisation: object, programme: object): Partnership {
  return {
    role: String(rel.role),
    inferred: rel.inferred === true,
    inference: typeof rel.inference === 'string' ? rel.inference : undefined,
    quotation: passageOf(rel),
    organisation,
    programme,
  };
}

@ObjectType({ description: 'Who leads, delivers or supports an action, and when.' })
export class Lead {
  @Field(() => LeadPartEnum, { description: 'Leads it, delivers it or supports it.' })
  part!: string;

  @Field(() => String, { nullable: true, description: 'When this applies, as written (summer term).' })
  period?: string;

  @Field(() => Boolean, {
    description:
      "True when the document names this lead in a Led by cell shared by several actions without saying which of them it leads: the row's lead, not necessarily this action's.",
  })
  shared!: boolean;

  @Field(() => Boolean, {
    description:
      'True when the document does not pair this lead with this action and it was read so; inference says why.',
  })
  inferred!: boolean;

  @Field(() => String, { nullable: true, description: 'Why an inferred lead was read into its document.' })
  inference?: string;

  @Field(() => Passage, QUOTATION)
  quotation?: Passage | null;

  @Field(() => Actor, { description: 'The role, person or organisation.' })
  by!: typeof Actor;
}

@ObjectType({ description: 'An engagement level a stakeholder group needs, with how the need is limited.' })
export class EngagementNeed {
  @Field(() => EngagementLevelKeyEnum, { description: 'Awareness, involvement or commitment.' })
  level!: string;

  @Field(() => String, {
    nullable: true,
    description: 'How the need is limited, as written (general; in certain projects).',
  })
  qualifier?: string;

  @Field(() => EngagementLevel, { description: 'The level with its key definitions.' })
  definition!: object;
}

@ObjectType({ description: 'Who delivers a communication, and where or when.' })
export class Delivery {
  @Field(() => String, {
    nullable: true,
    description: 'Where or when they deliver it, as written (at Monthly Steering Group).',
  })
  occasion?: string;

  @Field(() => Actor, { description: 'The role, person or organisation delivering it.' })
  by!: typeof Actor;
}
