// A source document's plain page: its GraphQL document and the shape it returns, and the query that finds where in
// their documents a programme and its actions come from (for the programme page's links to the words).

/** The GraphQL types with a name, so a passage's records can be listed by name whatever their kind. */
const NAMED = [
  'Action',
  'Area',
  'CommunicationActivity',
  'EngagementLevel',
  'Event',
  'Finding',
  'Location',
  'Organisation',
  'Person',
  'Programme',
  'Resource',
  'Role',
  'Service',
  'StakeholderGroup',
  'Target',
  'Topic',
  'Workstream',
];
const RECORD = `__typename id key ${NAMED.map((t) => `... on ${t} { name }`).join(' ')}`;

export interface QuotedRecord {
  __typename: string;
  id: string;
  key: string;
  name?: string;
}

export interface DocumentPassage {
  quote: string;
  line: number;
  start: number;
  end: number;
  records: QuotedRecord[];
  links: { type: string; inferred: boolean; inference: string | null; from: QuotedRecord; to: QuotedRecord }[];
}

export interface DocumentPage {
  sourceDocument: {
    key: string;
    title: string;
    kind: string | null;
    attribution: string | null;
    text: string | null;
    demo: boolean;
    passages: DocumentPassage[];
  };
}

/** Every passage of the longest seed document (149) fits under first: 500; a passage names a handful of records. */
export const DOCUMENT_PAGE = `query DocumentPage($key: String!) {
  sourceDocument(key: $key) {
    key title kind attribution text demo
    passages(first: 500) {
      quote line start end
      records(first: 50) { ${RECORD} }
      links(first: 50) { type inferred inference from { ${RECORD} } to { ${RECORD} } }
    }
  }
}`;

export interface SourceLink {
  title: string;
  url: string;
}

export interface ProgrammeSources {
  programme: { sourceDocuments: SourceLink[]; actions: { id: string; sourceDocuments: SourceLink[] }[] };
}

export const PROGRAMME_SOURCES = `query ProgrammeSources($key: String, $id: ID) {
  programme(key: $key, id: $id) {
    sourceDocuments { title url }
    actions { id sourceDocuments { title url } }
  }
}`;
