// Example queries for the analysts' console: the questions partnerships ask, runnable against the seed data.
import { nodeId } from '../../schema/ids.js';

export interface ExampleQuery {
  title: string;
  query: string;
  variables?: Record<string, unknown>;
}

export const EXAMPLE_QUERIES: readonly ExampleQuery[] = [
  {
    title: 'Stop smoking services in Barnet',
    query: `# The directory: free text and filters combine with AND; a borough also finds footprint-wide services.
query StopSmokingInBarnet {
  search(topic: "stop-smoking", area: "E09000003", first: 10) {
    totalCount
    edges { score node { __typename ... on Service { name demo provider { name } topics { name } } } }
  }
}`,
  },
  {
    title: 'Barnet immunisation action plan',
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
    title: 'The London MECC partnership network',
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
    title: 'Shortest path between two organisations',
    query: `# How are Public Health England and London Councils connected?
query Path($from: ID!, $to: ID!) {
  shortestPath(from: $from, to: $to) { nodes { type name } edges { type role } }
}`,
    variables: { from: nodeId('Organisation', 'public-health-england'), to: nodeId('Organisation', 'london-councils') },
  },
  {
    title: 'Most connected partners in London',
    query: `# Degree (partners) and betweenness (bridging) of organisations in programmes covering London.
query MostConnected {
  mostConnected(area: "Y56", orderBy: BETWEENNESS, first: 10) { node { name organisationKind } programmes partners betweenness }
}`,
  },
  {
    title: 'Coverage gaps in North West London',
    query: `# Boroughs of the footprint with no stop smoking service.
query Gaps {
  coverageGaps(footprint: "E54000027", topic: "stop-smoking") { name gssCode }
}`,
  },
  {
    title: 'Taking Care 24-7 communication plan',
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
    title: 'A borough and its partnership landscape',
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
];
