// The partnership analytics' GraphQL shapes: networks ready to draw, rankings, and action-plan summaries.
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Action } from './index.js';
import { ActionStatusEnum, OrganisationKindEnum, PartnershipRoleEnum } from './enums.js';
import { Actor } from './links.js';

export const NetworkNodeTypeEnum = { ORGANISATION: 'ORGANISATION', PROGRAMME: 'PROGRAMME' } as const;
registerEnumType(NetworkNodeTypeEnum, { name: 'NetworkNodeType', description: 'An organisation or a programme.' });
export const NetworkEdgeTypeEnum = { PARTNER_IN: 'PARTNER_IN', PROGRAMME_PART_OF: 'PROGRAMME_PART_OF' } as const;
registerEnumType(NetworkEdgeTypeEnum, {
  name: 'NetworkEdgeType',
  description: 'Takes part in a programme, or is part of a larger programme.',
});
export const ConnectednessEnum = { PARTNERS: 'PARTNERS', BETWEENNESS: 'BETWEENNESS' } as const;
registerEnumType(ConnectednessEnum, {
  name: 'Connectedness',
  description: 'Rank by number of partners, or by how much an organisation bridges partnerships.',
});

@ObjectType({ description: 'An organisation or programme in a network.' })
export class NetworkNode {
  @Field(() => String, { description: "The record's id." })
  id!: string;

  @Field(() => String, { description: "The record's key." })
  key!: string;

  @Field(() => NetworkNodeTypeEnum, { description: 'Organisation or programme.' })
  type!: string;

  @Field(() => String, { description: 'Its name, to label it.' })
  name!: string;

  @Field(() => OrganisationKindEnum, { nullable: true, description: 'For organisations, what sort.' })
  organisationKind?: string;

  @Field(() => Boolean, { description: 'True for demo data.' })
  demo!: boolean;
}

@ObjectType({ description: 'A relationship in a network, from source to target.' })
export class NetworkEdge {
  @Field(() => String, { description: 'Id of the organisation (or child programme).' })
  source!: string;

  @Field(() => String, { description: 'Id of the programme (or parent programme).' })
  target!: string;

  @Field(() => NetworkEdgeTypeEnum, { description: 'What the relationship is.' })
  type!: string;

  @Field(() => PartnershipRoleEnum, { nullable: true, description: "For PARTNER_IN, the organisation's role." })
  role?: string;

  @Field(() => Boolean, {
    description:
      'True for a partnership its document does not state and that was read into it; inference says why. Draw it as an inference.',
  })
  inferred!: boolean;

  @Field(() => String, { nullable: true, description: 'Why an inferred partnership was read into its document.' })
  inference?: string;
}

@ObjectType({
  description: 'A partnership network as nodes and edges, ready to draw (download it as CSV or GEXF from /networks).',
})
export class Network {
  @Field(() => [NetworkNode], { description: 'Organisations and programmes.' })
  nodes!: NetworkNode[];

  @Field(() => [NetworkEdge], { description: 'Who takes part in what, and which programmes are part of which.' })
  edges!: NetworkEdge[];
}

@ObjectType({ description: 'An organisation ranked by how connected it is in a partnership network.' })
export class ConnectedPartner {
  @Field(() => NetworkNode, { description: 'The organisation.' })
  node!: NetworkNode;

  @Field(() => Int, { description: 'How many programmes it takes part in.' })
  programmes!: number;

  @Field(() => Int, { description: 'How many other organisations it shares a programme with (degree).' })
  partners!: number;

  @Field(() => Float, {
    description: 'Normalised betweenness centrality (0 to 1): how much it bridges otherwise separate partnerships.',
  })
  betweenness!: number;
}

@ObjectType({ description: 'How many actions have one status.' })
export class StatusCount {
  @Field(() => ActionStatusEnum, { description: 'The status.' })
  status!: string;

  @Field(() => Int, { description: 'How many actions have it.' })
  count!: number;
}

@ObjectType({ description: 'The actions one role, person or organisation leads or delivers.' })
export class LeadLoad {
  @Field(() => Actor, { description: 'Who.' })
  lead!: typeof Actor;

  @Field(() => [Action], { description: 'The actions they lead, deliver or support.' })
  actions!: object[];
}

@ObjectType({ description: "A programme's action plan at a glance: actions by status, overdue, and by lead." })
export class ActionPlan {
  @Field(() => Int, { description: 'How many actions the programme has.' })
  total!: number;

  @Field(() => [StatusCount], { description: 'Actions by status, for the statuses in use.' })
  byStatus!: StatusCount[];

  @Field(() => [Action], { description: 'Actions past their due date and neither completed nor cancelled.' })
  overdue!: object[];

  @Field(() => [LeadLoad], { description: 'Actions by who leads them, the busiest first.' })
  byLead!: LeadLoad[];
}
