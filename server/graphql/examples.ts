// Example queries for the analysts' console: the questions partnerships ask, grouped by question, each with the role
// it needs, runnable against the seed data.
import { nodeId } from '../../schema/ids.js';
import type { Role } from '../../schema/roles.js';

/** The questions the examples answer, in the order the console shows them. */
export const QUESTIONS = {
  partners: 'Who works with whom in a footprint',
  gaps: 'Which boroughs lack a service for a topic',
  overdue: 'What is overdue',
  paths: 'How two organisations are connected',
  plans: 'What a programme plans, and for whom',
} as const;

export interface ExampleQuery {
  /** The question it helps answer (a key of QUESTIONS). */
  question: keyof typeof QUESTIONS;
  title: string;
  /** The least role that may run it: public runs without a key, analyst needs an analyst or admin key. */
  role: Role;
  query: string;
  variables?: Record<string, unknown>;
}

export const EXAMPLE_QUERIES: readonly ExampleQuery[] = [
  {
    question: 'gaps',
    title: 'Stop smoking services in Barnet',
    role: 'public',
    query: `# The directory: free text and filters combine with AND; a borough also finds footprint-wide services.
query StopSmokingInBarnet {
  search(topic: "stop-smoking", area: "E09000003", first: 10) {
    totalCount
    edges { score node { __typename ... on Service { name demo provider { name } topics { name } } } }
  }
}`,
  },
  {
    question: 'overdue',
    title: 'Barnet immunisation action plan',
    role: 'public',
    query: `# A programme's action plan: actions by status, overdue, and who leads them.
query BarnetActionPlan {
  programme(key: "barnet-immunisation-2017-18") {
    name
    partners { role organisation { name } }
    actionPlan { total byStatus { status count } overdue { name dueDate } }
    actions { name status dueText overdue leads { part period by { ... on Role { name } ... on Organisation { name } } } }
    targets { metric value unit progress }
  }
}`,
  },
  {
    question: 'partners',
    title: 'The London MECC partnership network',
    role: 'public',
    query: `# The network around a programme, ready to draw (also at /networks/<id>.gexf and .csv).
query LondonMeccNetwork($around: ID!) {
  network(around: $around, depth: 2) {
    nodes { id type name organisationKind }
    edges { source target type role }
  }
}`,
    variables: { around: nodeId('Programme', 'london-mecc-2017-18') },
  },
  {
    question: 'paths',
    title: 'Shortest path between two organisations',
    role: 'analyst',
    query: `# How are Public Health England and London Councils connected?
query Path($from: ID!, $to: ID!) {
  shortestPath(from: $from, to: $to) { nodes { type name } edges { type role } }
}`,
    variables: { from: nodeId('Organisation', 'public-health-england'), to: nodeId('Organisation', 'london-councils') },
  },
  {
    question: 'partners',
    title: 'Most connected partners in London',
    role: 'analyst',
    query: `# Degree (partners) and betweenness (bridging) of organisations in programmes covering London.
query MostConnected {
  mostConnected(area: "Y56", orderBy: BETWEENNESS, first: 10) { node { name organisationKind } programmes partners betweenness }
}`,
  },
  {
    question: 'gaps',
    title: 'Coverage gaps in North West London',
    role: 'analyst',
    query: `# Boroughs of the footprint with no stop smoking service.
query Gaps {
  coverageGaps(footprint: "E54000027", topic: "stop-smoking") { name gssCode }
}`,
  },
  {
    question: 'plans',
    title: 'Taking Care 24-7 communication plan',
    role: 'public',
    query: `# Each stakeholder group: the engagement it needs, how and how often, who produces and delivers.
query CommsPlan {
  programme(key: "taking-care-24-7") {
    communicationPlan {
      group { name need needs { level qualifier } }
      methods frequency
      producedBy { ... on Role { name } }
      deliveredBy { occasion by { ... on Role { name } } }
    }
  }
}`,
  },
  {
    question: 'partners',
    title: 'A borough and its partnership landscape',
    role: 'public',
    query: `# Barnet: its footprint and region, who is responsible for it, and what covers it.
query Barnet {
  area(key: "E09000003") {
    name population footprint { name partnershipName } region { name }
    organisations { name kind }
    programmes { name }
    sourceDocuments { title attribution }
  }
}`,
  },
  {
    question: 'partners',
    title: 'The best-connected organisations in North West London',
    role: 'public',
    query: `# Organisations covering or based in the footprint, most connected first, with the programmes they work in.
query BestConnectedInNorthWestLondon {
  organisations(area: "E54000027", orderBy: { field: DEGREE, direction: DESC }, first: 10) {
    totalCount
    edges { node { name kind partnerships { role programme { name } } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
  },
  {
    question: 'overdue',
    title: 'Actions still open that were due by June 2017',
    role: 'public',
    query: `# Barnet's open actions due by the month its plan last reported, earliest first, with how they stand in time.
query OpenActionsDueByJune2017 {
  programme(key: "barnet-immunisation-2017-18") {
    name asOf
    actionsConnection(status: [PROPOSED, PLANNED, IN_PROGRESS], dueTo: "2017-06", orderBy: { field: DUE_DATE }, first: 20) {
      totalCount
      edges { node { name status dueDate overdueAsOfDocument timing } }
    }
  }
}`,
  },
];
