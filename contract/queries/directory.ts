// The directory's GraphQL documents and the shapes they return.
import type { OpeningHours } from '../opening-hours.js';

export interface Option {
  key: string;
  name: string;
}

export interface DirectoryOptions {
  topics: { edges: { node: Option }[] };
  areas: { edges: { node: Option }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** Topics and boroughs for the filters; boroughs come a page at a time, so later pages follow with `after`. */
export const OPTIONS = `query DirectoryOptions($after: String) {
  topics(first: 100) { edges { node { key name } } }
  areas(level: BOROUGH, first: 100, after: $after) { edges { node { key name } } pageInfo { hasNextPage endCursor } }
}`;

export interface ResultNode {
  __typename: 'Service' | 'Resource' | 'Organisation';
  id: string;
  name: string;
  description?: string | null;
  demo: boolean;
  /** Aliased: a resource's and an organisation's kind are different enums, which GraphQL will not merge. */
  resourceKind?: string;
  organisationKind?: string;
  provider?: { name: string } | null;
  publisher?: { name: string } | null;
  topics?: { name: string }[];
  town?: string | null;
}

export interface SearchPage {
  search: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; distanceKm: number | null; node: ResultNode }[];
  };
}

export const SEARCH = `query DirectorySearch($text: String, $topic: String, $area: String, $kinds: [SearchKind!], $near: NearInput, $first: Int, $after: String) {
  search(text: $text, topic: $topic, area: $area, kinds: $kinds, near: $near, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor distanceKm
      node {
        __typename
        ... on Service { id name description demo provider { name } topics { name } }
        ... on Resource { id name description demo resourceKind: kind publisher { name } topics { name } }
        ... on Organisation { id name description demo organisationKind: kind town }
      }
    }
  }
}`;

export interface Detail extends ResultNode {
  eligibility?: string | null;
  referralRoute?: string | null;
  phone?: string | null;
  email?: string | null;
  url?: string | null;
  website?: string | null;
  audience?: string | null;
  addressLines?: string[] | null;
  postcode?: string | null;
  locations?: { name: string; addressLines: string[] | null; town: string | null; postcode: string | null }[];
  areas?: { name: string }[];
  services?: { id: string; name: string }[];
  partnerships?: { role: string; programme: { name: string } }[];
  /** A service's opening hours (widgets 1.4.0 on); released widgets' documents do not ask, and are still answered. */
  openingHours?: OpeningHours[];
}

export const DETAIL = `query DirectoryDetail($id: ID!) {
  node(id: $id) {
    __typename
    ... on Service { id name description demo eligibility referralRoute phone email url provider { name } topics { name } areas { name }
      locations { name addressLines town postcode } openingHours { day opens closes weekOfMonth everyWeeks validFrom validTo note } }
    ... on Resource { id name description demo resourceKind: kind audience url publisher { name } topics { name } }
    ... on Organisation { id name description demo organisationKind: kind website addressLines town postcode services { id name } partnerships { role programme { name } } }
  }
}`;
