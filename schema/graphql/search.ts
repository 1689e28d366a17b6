// The directory search's GraphQL shapes: what it finds, where you are, and a page of results.
import { IsLatitude, IsLongitude, IsOptional, Matches, Max, Min } from 'class-validator';
import { createUnionType, Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from './connection.js';
import { Organisation, Resource, Service } from './index.js';

export const SearchKindEnum = { SERVICE: 'Service', RESOURCE: 'Resource', ORGANISATION: 'Organisation' } as const;
registerEnumType(SearchKindEnum, {
  name: 'SearchKind',
  description: 'What the directory lists: services, resources and organisations.',
});

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: 'A service, a resource or an organisation found by the directory search.',
  types: () => [Service, Resource, Organisation] as const,
  resolveType: (value) => (value as { __label?: string }).__label,
});

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
