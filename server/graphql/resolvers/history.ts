// The graph over time: a programme as it was at a moment, and what changed between two, from the audit trail.
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { ErrorCode } from '../../../schema/errors.js';
import { Label as L } from '../../../schema/graph.js';
import { PartnershipRoleEnum } from '../../../schema/graphql/enums.js';
import { Network } from '../../../schema/graphql/network.js';
import { ChangesBetween, ProgrammeAsOf } from '../../../schema/graphql/patterns.js';
import { changesBetween, programmeAsOf, programmeScopeIds, TooManyChangesError } from '../../database/history.js';
import { MAX_LINKS } from '../../database/links.js';
import { networkAsOf } from '../../database/network-as-of.js';
import { MAX_DEPTH, NetworkTooLargeError } from '../../database/network.js';
import type { Context } from '../context.js';
import { checkId, clientError } from './support.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A moment an analyst names, as the UTC ISO text the audit trail's `at` compares with: a date alone means its start
 * (`from`) or its end (`asOf`, `to`). Malformed, impossible and future moments are refused with the form to use.
 */
export function moment(value: string, argument: string, end: boolean, now = Date.now()): string {
  const form = 'an ISO date (2018-03-31) or date and time with its offset (2018-03-31T17:00:00Z)';
  if (!DATE.test(value) && !DATE_TIME.test(value))
    throw clientError(ErrorCode.BAD_USER_INPUT, `${argument} "${value}" is not ${form}.`, { argument });
  const text = DATE.test(value) ? `${value}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : value;
  const time = Date.parse(text);
  // Date.parse rolls 2018-02-30 over to 2 March; a date that does not come back as written does not exist.
  if (Number.isNaN(time) || (DATE.test(value) && new Date(time).toISOString().slice(0, 10) !== value))
    throw clientError(ErrorCode.BAD_USER_INPUT, `${argument} "${value}" is not a real date: give ${form}.`, {
      argument,
    });
  const start = DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : time;
  if (start > now)
    throw clientError(
      ErrorCode.BAD_USER_INPUT,
      `${argument} ${value} is in the future: the audit trail records only what has happened; give today or earlier.`,
      { argument },
    );
  return new Date(Math.min(time, now)).toISOString();
}

@Resolver()
export class HistoryResolver {
  @Query(() => ProgrammeAsOf, {
    description:
      'A programme as it was at a moment (its properties, partners and actions with their statuses), from the audit trail.',
  })
  async programmeAsOf(
    @Arg('id', () => ID, { description: 'The programme’s id.' }) id: string,
    @Arg('asOf', () => String, {
      description: 'The moment: an ISO date (its end) or date and time, not in the future.',
    })
    asOf: string,
    @Ctx() ctx: Context,
  ) {
    checkId(id);
    const at = moment(asOf, 'asOf', true);
    const node = await ctx.loaders.node.load(id);
    if (!node || node.__label !== L.Programme)
      throw clientError(ErrorCode.NOT_FOUND, `No programme has id ${id}.`, { argument: 'id' });
    try {
      return { asOf: at, id, ...(await programmeAsOf(ctx.db, id, at)) };
    } catch (error) {
      if (!(error instanceof TooManyChangesError)) throw error;
      throw clientError(ErrorCode.BAD_USER_INPUT, `${error.message} Ask changesBetween for a shorter period.`, {
        argument: 'id',
      });
    }
  }

  /*
   * A query of its own beside programmeAsOf rather than an `asOf` argument on `network`: the network is public and
   * cached for widgets, while the audit trail it is rebuilt from is an analyst's to read, and access rules are kept
   * per field (server/graphql/access.ts), not per argument. Its arguments are network's, plus the moment, and its
   * answer is the same Network, so whatever draws or exports a network takes it as it is.
   */
  @Query(() => Network, {
    description:
      'The partnership network around an organisation or programme as it stood at a moment, from the audit trail: members named as they are now.',
  })
  async networkAsOf(
    @Arg('around', () => ID, { description: 'Id of the organisation or programme at the centre.' }) around: string,
    @Arg('asOf', () => String, {
      description: 'The moment: an ISO date (its end) or date and time, not in the future.',
    })
    asOf: string,
    @Arg('depth', () => Int, {
      defaultValue: 2,
      description: `Steps out from the centre, 1 to ${MAX_DEPTH}, as network counts them.`,
    })
    depth: number,
    @Arg('roles', () => [PartnershipRoleEnum], {
      nullable: true,
      description: 'Only partnerships that had these roles then.',
    })
    roles: string[] | null | undefined,
    @Ctx() ctx: Context,
  ) {
    checkId(around, 'around');
    const at = moment(asOf, 'asOf', true);
    if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH)
      throw clientError(ErrorCode.BAD_USER_INPUT, `depth must be between 1 and ${MAX_DEPTH}.`, { argument: 'depth' });
    const node = await ctx.loaders.node.load(around);
    if (!node || (node.__label !== L.Organisation && node.__label !== L.Programme))
      throw clientError(ErrorCode.NOT_FOUND, `No organisation or programme has id ${around}.`, { argument: 'around' });
    let network: Awaited<ReturnType<typeof networkAsOf>>;
    try {
      network = await networkAsOf(ctx.db, around, depth, at, roles ?? undefined);
    } catch (error) {
      if (error instanceof TooManyChangesError)
        throw clientError(ErrorCode.BAD_USER_INPUT, `${error.message} Ask changesBetween for a shorter period.`, {
          argument: 'asOf',
        });
      if (error instanceof NetworkTooLargeError)
        throw clientError(
          ErrorCode.BAD_USER_INPUT,
          `${error.message} Ask for a smaller depth than ${depth}, or only some roles.`,
          { argument: 'depth' },
        );
      throw error;
    }
    if (!network)
      throw clientError(
        ErrorCode.NOT_FOUND,
        `${node.__label === L.Programme ? 'The programme' : 'The organisation'} ${around} did not exist yet at ${at}: give a later moment.`,
        { argument: 'asOf' },
      );
    return network;
  }

  @Query(() => ChangesBetween, {
    description:
      'Admin: what changed between two moments, oldest first: records created, changed, retired and restored, and links made and removed, with who and when.',
  })
  async changesBetween(
    @Arg('from', () => String, { description: 'From: an ISO date (its start) or date and time.' }) from: string,
    @Arg('to', () => String, { description: 'To: an ISO date (its end) or date and time, not in the future.' })
    to: string,
    @Arg('programme', () => ID, {
      nullable: true,
      description: 'Only changes to this programme, its workstreams, actions and partners’ links to it.',
    })
    programme: string | null | undefined,
    @Ctx() ctx: Context,
  ) {
    const start = moment(from, 'from', false);
    const end = moment(to, 'to', true);
    if (start > end)
      throw clientError(
        ErrorCode.BAD_USER_INPUT,
        `from (${from}) is after to (${to}): give the earlier moment first.`,
        {
          argument: 'from',
        },
      );
    let scope: string[] | undefined;
    if (programme) {
      checkId(programme, 'programme');
      const past = await ctx.loaders.node.load(programme);
      if (!past || past.__label !== L.Programme)
        throw clientError(ErrorCode.NOT_FOUND, `No programme has id ${programme}.`, { argument: 'programme' });
      scope = await programmeScopeIds(ctx.db, programme);
    }
    // `from` is inclusive: the entry at the very moment asked belongs in the answer. Read as many as `changes` may
    // show (its `first` cuts them); `total` counts them all.
    const found = await changesBetween(ctx.db, previousMoment(start), end, MAX_LINKS, scope);
    return { from: start, to: end, ...found };
  }
}

/** The moment one millisecond before, as `from` is compared exclusively in the database layer. */
function previousMoment(iso: string): string {
  return new Date(Date.parse(iso) - 1).toISOString();
}
