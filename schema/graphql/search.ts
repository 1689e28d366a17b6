// The directory search's GraphQL shapes: what it finds, where you are, and a page of results.
import { IsLatitude, IsLongitude, IsOptional, Matches, Max, Min } from 'class-validator';
import { createUnionType, Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Label } from '../graph.js';
import { DESCRIPTIONS, SEARCHABLE_LABELS } from '../model.js';
import { PageInfo } from './connection.js';
import { typeOf } from './index.js';

/** A label as a GraphQL enum value: StakeholderGroup becomes STAKEHOLDER_GROUP. */
const enumName = (label: string) => label.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/**
 * The kinds the search finds, one per concept declared searchable (SERVICE, PROGRAMME, STAKEHOLDER_GROUP, …), each
 * standing for its label: a concept marked searchable is found, and can be asked for, with no other change.
 */
export const SearchKindEnum: Readonly<Record<string, Label>> = Object.fromEntries(
  SEARCHABLE_LABELS.map((label) => [enumName(label), label]),
);
registerEnumType(SearchKindEnum, {
  name: 'SearchKind',
  description:
    'A kind of record the search finds by name and description: every concept people look for by name. The directory lists services, resources and organisations.',
  valuesConfig: Object.fromEntries(
    SEARCHABLE_LABELS.map((label) => [enumName(label), { description: DESCRIPTIONS[label] }]),
  ),
});

const searchableTypes = SEARCHABLE_LABELS.map((label) => typeOf(label));

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description:
    'A record found by the search: one of the searchable kinds, told apart by __typename (or the edge kind).',
  types: () => searchableTypes as [(typeof searchableTypes)[number], ...(typeof searchableTypes)[number][]],
  resolveType: (value) => (value as { __label?: string }).__label,
});

@ObjectType({
  description:
    'A stretch of a text, counted in UTF-16 code units as JavaScript strings count them (text.slice(start, start + length)).',
})
export class TextRange {
  @Field(() => Int, { description: 'Where the stretch starts: 0 is the first character.' })
  start!: number;

  @Field(() => Int, { description: 'How many code units it spans.' })
  length!: number;
}

@ObjectType({
  description:
    'Why a result matched: the searched property (name or description) holding the words looked for. The text is plain, never HTML: escape it, then mark each range (with <mark>, say). Only names and descriptions are searched, never contact details.',
})
export class SearchHighlight {
  @Field(() => String, { description: 'The property that matched: name or description.' })
  field!: string;

  @Field(() => String, {
    description:
      'The whole name, or up to 160 characters of the description around the first match, with … where text was left out.',
  })
  text!: string;

  @Field(() => [TextRange], { description: 'Where in text the matching words are, in order.' })
  ranges!: TextRange[];
}

@InputType({ description: 'Where the person is: a postcode, or a latitude and longitude, and how far they will go.' })
export class NearInput {
  @Field(() => String, {
    nullable: true,
    description: 'A UK postcode the graph knows (from an imported ONS Postcode Directory).',
  })
  @IsOptional()
  @Matches(/^[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}$/, {
    message: 'postcode must be a UK postcode, such as SE1 2DL',
  })
  postcode?: string;

  @Field(() => Float, { nullable: true, description: 'Latitude in decimal degrees (WGS84); give it with longitude.' })
  @IsOptional()
  @IsLatitude({ message: 'latitude must be between -90 and 90' })
  latitude?: number;

  @Field(() => Float, { nullable: true, description: 'Longitude in decimal degrees (WGS84); give it with latitude.' })
  @IsOptional()
  @IsLongitude({ message: 'longitude must be between -180 and 180' })
  longitude?: number;

  @Field(() => Float, { defaultValue: 5, description: 'How far to look, in kilometres (0.1 to 100; 5 if not given).' })
  @Min(0.1, { message: 'radiusKm must be at least 0.1' })
  @Max(100, { message: 'radiusKm must be at most 100' })
  radiusKm!: number;
}

@ObjectType({ description: 'One search result, with its cursor, relevance and distance.' })
export class SearchEdge {
  @Field(() => String, { description: 'Opaque position of this result, for paging.' })
  cursor!: string;

  @Field(() => SearchResult, { description: 'What was found.' })
  node!: typeof SearchResult;

  @Field(() => SearchKindEnum, { description: 'What kind of record it is (its __typename, as a SearchKind).' })
  kind!: Label;

  @Field(() => SearchHighlight, {
    nullable: true,
    description:
      'Why it matched: its name or its description, whichever holds more of the words looked for (the name on a tie), with where they are; null when no text was given.',
  })
  highlight?: SearchHighlight;

  @Field(() => Float, { description: 'Full-text relevance (higher is better); 0 when no text was given.' })
  score!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Kilometres from `near` to its nearest location, when `near` was given.',
  })
  distanceKm?: number;
}

@ObjectType({ description: 'A page of directory search results.' })
export class SearchConnection {
  @Field(() => [SearchEdge], {
    description: 'The results of this page: by relevance for text, else by distance for near, else by name.',
  })
  edges!: SearchEdge[];

  @Field(() => PageInfo, { description: 'Where this page stands.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many results there are in all.' })
  totalCount!: number;
}
