// A place: England, an NHS England region, an STP footprint (later an integrated care system) or a borough.
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AreaLevelEnum } from './enums.js';
import { Node } from './node.js';

@ObjectType({ implements: Node, description: 'A place: England, an NHS England region, an STP footprint (later an integrated care system) or a borough.' })
export class Area extends Node {
  @Field(() => String, { description: "The area's name." })
  name!: string;

  @Field(() => AreaLevelEnum, { description: 'Country, region, footprint or borough.' })
  level!: string;

  @Field(() => String, { nullable: true, description: 'ONS GSS code.' })
  gssCode?: string;

  @Field(() => String, { nullable: true, description: 'NHS ODS code, for regions and footprints that have one.' })
  odsCode?: string;

  @Field(() => String, { nullable: true, description: "The partnership's own name (a footprint's 2020 name)." })
  partnershipName?: string;

  @Field(() => Float, { nullable: true, description: 'Latitude of the centroid (WGS84).' })
  latitude?: number;

  @Field(() => Float, { nullable: true, description: 'Longitude of the centroid (WGS84).' })
  longitude?: number;

  @Field(() => Int, { nullable: true, description: 'Resident population (2020).' })
  population?: number;

  @Field(() => String, { nullable: true, description: 'About the area.' })
  description?: string;
}
