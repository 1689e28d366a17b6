// The search's Relay paging both ways: positional cursors (it is ranked by relevance) that belong to one query.
import { createHash } from 'node:crypto';
import { ErrorCode } from '../../../schema/errors.js';
import type { SearchFilters } from '../../database/search.js';
import { CursorKind, cursorFix, type PagingArgs, packCursor, pageSizeOf, unpackCursor } from './cursors.js';
import { clientError } from './support.js';

/** The query a page belongs to: its words and every filter, so a cursor from other text or filters is told apart. */
export function searchFingerprint(filters: SearchFilters): string {
  const { text, kinds, topicKey, areaKey, organisationKind, near } = filters;
  const words = (text ?? '').trim().toLowerCase().split(/\s+/).join(' ');
  const canonical = JSON.stringify([words, [...kinds].sort(), topicKey, areaKey, organisationKind, near]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

/**
 * A search cursor holds the query it came from and its result's place in that query's ranking. Relevance has no key
 * to resume from, so a cursor is a position; the query's fingerprint keeps a position from one search being read
 * against another's ranking, where it would silently skip or repeat results.
 */
export function searchCursor(fingerprint: string, position: number): string {
  return packCursor(CursorKind.search, fingerprint, position);
}

/** Reads a cursor of this same search; anything else is refused saying what to pass instead. */
function positionOf(cursor: string, argument: 'after' | 'before', fingerprint: string): number {
  const unpacked = unpackCursor(cursor);
  // Cursors made before search cursors named their query: links and widgets holding one still read forwards.
  if (unpacked.offset !== undefined && argument === 'after') return unpacked.offset;
  const [from, position] = unpacked.parts ?? [];
  if (unpacked.kind === CursorKind.search && typeof from === 'string') {
    if (typeof position === 'number' && Number.isInteger(position) && position >= 0) {
      if (from === fingerprint) return position;
      throw clientError(
        ErrorCode.BAD_USER_INPUT,
        `${argument} is a cursor of another search (other text, kinds or filters): its results are ranked differently, so ${cursorFix(argument)} of this same search, or page from the start without it.`,
        { argument },
      );
    }
  }
  // A shaped list's cursor says which list it came from: say so, as a list refuses a search's.
  throw clientError(
    ErrorCode.BAD_USER_INPUT,
    `${argument} is ${unpacked.list ? `a cursor of ${unpacked.list}` : 'not a cursor'}, not of search: ${cursorFix(argument)}, or page from the start without it.`,
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
  const { take, backwards } = pageSizeOf(args);
  const start = args.after != null ? positionOf(args.after, 'after', fingerprint) + 1 : 0;
  const end = args.before != null ? positionOf(args.before, 'before', fingerprint) : undefined;
  return { start, end: end === undefined ? undefined : Math.max(start, end), take, backwards };
}

/** The page of a window once the results' end is known: its offset and length. */
export function pageOf(window: SearchWindow, total?: number): { offset: number; limit: number } {
  const end = window.end ?? total;
  if (!window.backwards || end === undefined)
    return { offset: window.start, limit: end === undefined ? window.take : Math.min(window.take, end - window.start) };
  const offset = Math.max(window.start, end - window.take);
  return { offset, limit: end - offset };
}
