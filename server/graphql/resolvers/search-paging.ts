// The search's Relay paging both ways: positional cursors (it is ranked by relevance) that belong to one query.
import { createHash } from 'node:crypto';
import { ErrorCode } from '../../../schema/errors.js';
import type { SearchFilters } from '../../database/search.js';
import type { PagingArgs } from './lists.js';
import { clientError, DEFAULT_PAGE, MAX_PAGE } from './support.js';

/**
 * What a search cursor holds: its version, the query it came from and its result's place in that query's ranking.
 * Relevance has no key to resume from, so a cursor is a position; the query's fingerprint keeps a position from one
 * search being read against another's ranking, where it would silently skip or repeat results.
 */
const CURSOR_VERSION = 's1';
const OFFSET_CURSOR = /^offset:(\d{1,9})$/;

/** The query a page belongs to: its words and every filter, so a cursor from other text or filters is told apart. */
export function searchFingerprint(filters: SearchFilters): string {
  const { text, kinds, topicKey, areaKey, organisationKind, near } = filters;
  const words = (text ?? '').trim().toLowerCase().split(/\s+/).join(' ');
  const canonical = JSON.stringify([words, [...kinds].sort(), topicKey, areaKey, organisationKind, near]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

export function searchCursor(fingerprint: string, position: number): string {
  return Buffer.from(JSON.stringify([CURSOR_VERSION, fingerprint, position])).toString('base64url');
}

/** Reads a cursor of this same search; anything else is refused saying what to pass instead. */
function positionOf(cursor: string, argument: 'after' | 'before', fingerprint: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const fix =
    argument === 'after' ? 'pass pageInfo.endCursor of the page before' : 'pass pageInfo.startCursor of the page after';
  // Cursors made before search cursors named their query: links and widgets holding one still read forwards.
  const offset = OFFSET_CURSOR.exec(text);
  if (offset && argument === 'after') return Number(offset[1]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed[0] === CURSOR_VERSION && typeof parsed[1] === 'string') {
    const position = parsed[2];
    if (typeof position === 'number' && Number.isInteger(position) && position >= 0) {
      if (parsed[1] === fingerprint) return position;
      throw clientError(
        ErrorCode.BAD_USER_INPUT,
        `${argument} is a cursor of another search (other text, kinds or filters): its results are ranked differently, so ${fix} of this same search, or page from the start without it.`,
        { argument },
      );
    }
  }
  // A shaped list's cursor says which list it came from (lists.ts): say so, as a list refuses a search's.
  const list = Array.isArray(parsed) && parsed[0] === 'k1' && typeof parsed[1] === 'string' ? parsed[1] : undefined;
  throw clientError(
    ErrorCode.BAD_USER_INPUT,
    `${argument} is ${list ? `a cursor of ${list}` : 'not a cursor'}, not of search: ${fix}, or page from the start without it.`,
    { argument },
  );
}

/** A stretch of the ranking to read: from `start` to before `end` (the end of the results if not given). */
export interface SearchWindow {
  start: number;
  end?: number;
  take: number;
  backwards: boolean;
}

/** Turns the paging arguments into a stretch of the ranking, refusing what would be unbounded, ambiguous or forged. */
export function searchWindow(args: PagingArgs, fingerprint: string): SearchWindow {
  const first = args.first ?? undefined;
  const last = args.last ?? undefined;
  if (first !== undefined && last !== undefined)
    throw clientError(
      ErrorCode.BAD_USER_INPUT,
      'Give first (to read forwards) or last (to read backwards), not both.',
      { argument: 'last' },
    );
  const take = first ?? last ?? DEFAULT_PAGE;
  const argument = last !== undefined ? 'last' : 'first';
  if (!Number.isInteger(take) || take < 1 || take > MAX_PAGE)
    throw clientError(
      ErrorCode.BAD_USER_INPUT,
      `${argument} must be between 1 and ${MAX_PAGE}; page through longer lists with ${argument === 'first' ? 'after' : 'before'}.`,
      { argument },
    );
  const start = args.after != null ? positionOf(args.after, 'after', fingerprint) + 1 : 0;
  const end = args.before != null ? positionOf(args.before, 'before', fingerprint) : undefined;
  return { start, end: end === undefined ? undefined : Math.max(start, end), take, backwards: last !== undefined };
}

/** The page of a window once the results' end is known: its offset and length. */
export function pageOf(window: SearchWindow, total?: number): { offset: number; limit: number } {
  const end = window.end ?? total;
  if (!window.backwards || end === undefined)
    return { offset: window.start, limit: end === undefined ? window.take : Math.min(window.take, end - window.start) };
  const offset = Math.max(window.start, end - window.take);
  return { offset, limit: end - offset };
}
