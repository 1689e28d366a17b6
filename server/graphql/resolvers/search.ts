// `search`: the directory query behind the directory widget and analysts' look-ups, paged both ways.
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import { OrganisationKindEnum } from '../../../schema/graphql/enums.js';
import { normalisePostcode } from '../../../schema/postcodes.js';
import { NearInput, SearchConnection, SearchKindEnum } from '../../../schema/graphql/search.js';
import { ErrorCode } from '../../../schema/errors.js';
import {
  DIRECTORY_KINDS,
  postcodeCentroid,
  type SearchFilters,
  searchDirectory,
  type SearchKind,
} from '../../database/search.js';
import type { Context } from '../context.js';
import { PageArgs } from './list-args.js';
import { hitProperties, linkTreesBelow, primeLinks, selectionsAt } from './prefetch.js';
import { pageOf, searchCursor, searchFingerprint, searchWindow } from './search-paging.js';
import { asksFor, clientError } from './support.js';

async function resolveNear(
  ctx: Context,
  near: NearInput,
): Promise<{ latitude: number; longitude: number; radiusKm: number }> {
  const hasPoint = near.latitude != null || near.longitude != null;
  if ((near.postcode != null) === hasPoint || (hasPoint && (near.latitude == null || near.longitude == null))) {
    throw clientError(ErrorCode.BAD_USER_INPUT, 'near needs either a postcode, or both latitude and longitude.', {
      argument: 'near',
    });
  }
  if (near.postcode != null) {
    const postcode = normalisePostcode(near.postcode)!;
    const centre = await postcodeCentroid(ctx.db, postcode);
    if (!centre)
      throw clientError(
        ErrorCode.NOT_FOUND,
        `The postcode ${postcode} is not in the directory's postcode data; try a nearby postcode, or give latitude and longitude.`,
        { argument: 'near.postcode' },
      );
    return { ...centre, radiusKm: near.radiusKm };
  }
  return { latitude: near.latitude!, longitude: near.longitude!, radiusKm: near.radiusKm };
}

@Resolver()
export class SearchResolver {
  @Query(() => SearchConnection, {
    description:
      'Search every kind of record people name (programmes, workstreams, actions, events, stakeholder groups, people, roles, services, resources, organisations and more) by the words of its name and description; each result says what it is and why it matched. Every filter given must match (AND).',
  })
  async search(
    @Arg('text', () => String, {
      nullable: true,
      description: 'Words to look for in names and descriptions, ranked by relevance.',
    })
    text: string | null | undefined,
    @Arg('kinds', () => [SearchKindEnum], {
      nullable: true,
      description:
        'Only these kinds of result. Not given: services, resources and organisations, what the directory lists (as widgets already embedded expect); ask for others by name, such as [PROGRAMME, PERSON].',
    })
    kinds: SearchKind[] | null | undefined,
    @Arg('topic', () => String, {
      nullable: true,
      description:
        'Only what is about this topic (its key, such as stop-smoking): services, resources and events have topics, other kinds are left out.',
    })
    topic: string | null | undefined,
    @Arg('area', () => String, {
      nullable: true,
      description:
        "Only what serves this area (its key: a borough's GSS code or a footprint's code). A borough also finds what serves its whole footprint. Only services, resources, organisations and programmes have areas: other kinds are left out.",
    })
    area: string | null | undefined,
    @Arg('organisationKind', () => OrganisationKindEnum, {
      nullable: true,
      description:
        'Only organisations of this kind, and services and resources they provide or publish; other kinds are left out.',
    })
    organisationKind: string | null | undefined,
    @Arg('near', () => NearInput, {
      nullable: true,
      description:
        'Only what has a location within the radius of this place (services, organisations and events have locations; other kinds are left out).',
    })
    near: NearInput | null | undefined,
    @Args(() => PageArgs) paging: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    if (text != null && text.length > 200)
      throw clientError(ErrorCode.BAD_USER_INPUT, 'text is longer than 200 characters; search with fewer words.', {
        argument: 'text',
      });
    const filters: SearchFilters = {
      text: text ?? undefined,
      kinds: kinds && kinds.length > 0 ? kinds : DIRECTORY_KINDS,
      topicKey: topic ?? undefined,
      areaKey: area ?? undefined,
      organisationKind: organisationKind ?? undefined,
      near: near ? await resolveNear(ctx, near) : undefined,
    };
    const fingerprint = searchFingerprint(filters);
    const window = searchWindow(paging, fingerprint);
    // Counting every match costs a sort of them all; a page without totalCount keeps only the top of it.
    const wantsTotal = asksFor(info, 'totalCount');
    // Read backwards from the end, the page's place is known only once the results are counted.
    let total =
      window.backwards && window.end === undefined
        ? (await searchDirectory(ctx.db, filters, 0, 0, true)).total
        : undefined;
    const { offset, limit } = pageOf(window, total);
    // What the page asks of each kind's links (a service's provider and topics) is read with the hits, not after them.
    const nodes = selectionsAt(info, ['edges', 'node']);
    const links = Object.fromEntries(filters.kinds.map((kind) => [kind, linkTreesBelow(info, kind, nodes)]));
    const read = {
      links,
      properties: hitProperties(info, filters.kinds, nodes),
      highlights: selectionsAt(info, ['edges', 'highlight']).length > 0,
    };
    const found = await searchDirectory(ctx.db, filters, offset, limit, wantsTotal && total === undefined, read);
    total ??= found.total;
    const { hits } = found;
    for (const hit of hits) primeLinks(ctx, hit.links);
    const end = offset + hits.length;
    return {
      edges: hits.map((hit, i) => ({
        cursor: searchCursor(fingerprint, offset + i),
        node: hit.node,
        kind: hit.node.__label,
        highlight: hit.highlight,
        score: hit.score,
        distanceKm: hit.distanceKm,
      })),
      pageInfo: {
        // Read backwards, what follows is the results from the page's end on (the before cursor's own at least).
        hasNextPage: window.backwards ? (total !== undefined ? end < total : window.end !== undefined) : found.hasMore,
        hasPreviousPage: offset > 0,
        startCursor: hits.length > 0 ? searchCursor(fingerprint, offset) : null,
        endCursor: hits.length > 0 ? searchCursor(fingerprint, end - 1) : null,
      },
      totalCount: total,
    };
  }
}
