// Before anything is measured: both services must give the same answers to the compared questions, or the comparison means nothing.
import { isDeepStrictEqual } from 'node:util';
import { send } from './load.js';
import type { Scenario } from './scenarios.js';

interface Named {
  name: string;
}
interface SearchAnswer {
  total: number;
  hits: { name: string; score: number; providers: string[]; topics: string[] }[];
}
interface ProfileAnswer {
  name: string;
  kind: string;
  partnerships: string[];
  areasCovered: string[];
  roles: string[];
  resources: string[];
}

const names = (list: Named[] | null | undefined) => (list ?? []).map((n) => n.name).sort();

/** Two services' JSON, read field by field and checked by comparison rather than by type. */
type Raw = Record<string, any>;

const READERS: Record<string, { ours(data: Raw): unknown; baseline(data: Raw): unknown }> = {
  'directory search (text, topic, borough)': {
    ours: (data): SearchAnswer => ({
      total: data.search.totalCount,
      hits: data.search.edges.map((e: Raw) => ({
        name: e.node.name,
        score: e.score,
        providers: e.node.provider ? [e.node.provider.name] : [],
        topics: names(e.node.topics),
      })),
    }),
    baseline: (data): SearchAnswer => ({
      total: data.servicesByText.totalCount,
      hits: data.servicesByText.edges.map((e: Raw) => ({
        name: e.node.name,
        score: e.score,
        providers: names(e.node.provider),
        topics: names(e.node.topics),
      })),
    }),
  },
  'organisation profile': {
    ours: (data): ProfileAnswer => ({
      name: data.organisation.name,
      kind: data.organisation.kind,
      partnerships: data.organisation.partnerships.map((p: Raw) => `${p.role}: ${p.programme.name}`).sort(),
      areasCovered: data.organisation.areasCovered.map((a: Raw) => `${a.name} in ${a.footprint?.name ?? '-'}`).sort(),
      roles: names(data.organisation.roles),
      resources: names(data.organisation.resources),
    }),
    baseline: (data): ProfileAnswer => {
      if (data.organisations.length !== 1)
        throw new Error(`the baseline found ${data.organisations.length} organisations with the key`);
      const org = data.organisations[0];
      return {
        name: org.name,
        kind: org.kind,
        partnerships: org.programmesConnection.edges.map((e: Raw) => `${e.properties.role}: ${e.node.name}`).sort(),
        areasCovered: org.areasCovered.map((a: Raw) => `${a.name} in ${a.footprint?.name ?? '-'}`).sort(),
        roles: names(org.roles),
        resources: names(org.resources),
      };
    },
  },
};

/** Scores are Lucene's for the same query on the same index, so equal but for float rounding in transit. */
function sameAnswer(ours: unknown, baseline: unknown): boolean {
  return isDeepStrictEqual(
    JSON.parse(JSON.stringify(ours, roundScores)),
    JSON.parse(JSON.stringify(baseline, roundScores)),
  );
}
function roundScores(key: string, value: unknown): unknown {
  return key === 'score' && typeof value === 'number' ? Math.round(value * 1e5) / 1e5 : value;
}

async function answer(url: string, scenario: Scenario): Promise<Raw> {
  const { status, body } = await send(url, scenario.request);
  if (status !== 200 || body.errors || !body.data)
    throw new Error(`${scenario.name} (${scenario.side}): HTTP ${status} ${JSON.stringify(body.errors ?? body)}`);
  return body.data as Raw;
}

/** Throws, showing both answers, unless ours and the baseline's answers to each compared scenario agree; returns what was compared. */
export async function assertSameAnswers(
  pairs: { ours: Scenario; baseline: Scenario }[],
  urls: { ours: string; baseline: string },
): Promise<Record<string, string>> {
  const summary: Record<string, string> = {};
  for (const { ours, baseline } of pairs) {
    const reader = READERS[ours.name];
    if (!reader) throw new Error(`no comparison of answers is defined for "${ours.name}"`);
    const mine = reader.ours(await answer(urls.ours, ours));
    const theirs = reader.baseline(await answer(urls.baseline, baseline));
    if (!sameAnswer(mine, theirs)) {
      throw new Error(
        `The baseline's answer differs from ours for "${ours.name}", so the comparison would mean nothing.\n` +
          `ours:     ${JSON.stringify(mine)}\nbaseline: ${JSON.stringify(theirs)}`,
      );
    }
    const shown = mine as Partial<SearchAnswer & ProfileAnswer>;
    summary[ours.name] = shown.hits
      ? `${shown.total} services, first page of ${shown.hits.length} identical`
      : `${shown.name}: ${shown.partnerships?.length} partnerships, ${shown.areasCovered?.length} areas, ${shown.roles?.length} roles, ${shown.resources?.length} resources identical`;
    if (shown.hits && shown.total === 0)
      throw new Error(
        `"${ours.name}" finds nothing on this graph: pick subjects that find something, or the comparison is empty.`,
      );
  }
  return summary;
}
