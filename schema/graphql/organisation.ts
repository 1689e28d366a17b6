// An organisation working in public health: an NHS trust, a CCG or ICB, a council, a national body, a voluntary organisation.
import { Field, ObjectType } from 'type-graphql';
import { OrganisationKindEnum } from './enums.js';
import { Node } from './node.js';

@ObjectType({ implements: Node, description: 'An organisation working in public health: an NHS trust, a CCG or ICB, a council, a national body, a voluntary organisation.' })
export class Organisation extends Node {
  @Field(() => String, { description: "The organisation's name." })
  name!: string;

  @Field(() => OrganisationKindEnum, { description: 'What sort of organisation this is.' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'A shorter name in common use (PHE, GLA).' })
  shortName?: string;

  @Field(() => String, { nullable: true, description: 'NHS Organisation Data Service code, for NHS bodies.' })
  odsCode?: string;

  @Field(() => String, { nullable: true, description: 'ONS GSS code, for local authorities and ICBs.' })
  gssCode?: string;

  @Field(() => [String], { nullable: true, description: 'Postal address lines, without town and postcode.' })
  addressLines?: string[];

  @Field(() => String, { nullable: true, description: 'Post town.' })
  town?: string;

  @Field(() => String, { nullable: true, description: 'Postcode of the main address.' })
  postcode?: string;

  @Field(() => String, { nullable: true, description: 'Public website.' })
  website?: string;

  @Field(() => String, { nullable: true, description: 'When it opened (ISO date).' })
  openDate?: string;

  @Field(() => String, { nullable: true, description: 'When it closed (ISO date), if it has.' })
  closeDate?: string;

  @Field(() => String, { nullable: true, description: 'What it does.' })
  description?: string;
}
