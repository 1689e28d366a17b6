// The network widget's GraphQL documents and the shapes they return.

export interface NetNode {
  id: string;
  key: string;
  type: 'ORGANISATION' | 'PROGRAMME';
  name: string;
  organisationKind: string | null;
  demo: boolean;
  footprints: string[];
}

export interface NetEdge {
  source: string;
  target: string;
  type: 'PARTNER_IN' | 'PROGRAMME_PART_OF';
  role: string | null;
  /** True when the document does not state the partnership and it was read into it; `inference` says why. */
  inferred: boolean;
  inference: string | null;
}

export interface Net {
  nodes: NetNode[];
  edges: NetEdge[];
}

/** The record at the centre, found by key when the page gives a key rather than an id. */
export const CENTRE = `query NetworkCentre($programme: String, $organisation: String, $byProgramme: Boolean!, $byOrganisation: Boolean!) {
  programme(key: $programme) @include(if: $byProgramme) { id name }
  organisation(key: $organisation) @include(if: $byOrganisation) { id name }
}`;

const MEMBERS =
  'nodes { id key type name organisationKind demo footprints } edges { source target type role inferred inference }';

/** The network with the footprints' names, for the footprint filter. */
export const NETWORK = `query Network($around: ID!, $depth: Int!) {
  network(around: $around, depth: $depth) { ${MEMBERS} }
  areas(level: FOOTPRINT, first: 100) { edges { node { key name } } }
}`;

/** One step around a member, to expand the view from it. */
export const NEIGHBOURHOOD = `query Neighbourhood($around: ID!) { network(around: $around, depth: 2) { ${MEMBERS} } }`;
