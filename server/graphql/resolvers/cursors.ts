// Relay cursors and page sizes, said once for the shaped lists (keyset cursors) and the search (ranked positions).
import { ErrorCode } from '../../../schema/errors.js';
import { clientError, DEFAULT_PAGE, MAX_PAGE } from './support.js';

/** The paging arguments every connection takes. */
export interface PagingArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** Which way to read and how far: `first` reads forwards from the start or `after`, `last` backwards from `before`. */
export interface PageSize {
  take: number;
  backwards: boolean;
}

/** The page size asked for, refusing what would be unbounded or ambiguous. */
export function pageSizeOf(args: PagingArgs): PageSize {
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
  return { take, backwards: last !== undefined };
}

/** Each kind of cursor names itself first, so one kind is never read as another. */
export const CursorKind = { list: 'k1', search: 's1' } as const;
export type CursorKind = (typeof CursorKind)[keyof typeof CursorKind];

/** A cursor: its kind, then what that kind needs to resume, as JSON in base64url (opaque, as Relay asks). */
export function packCursor(kind: CursorKind, ...parts: Array<string | number>): string {
  return Buffer.from(JSON.stringify([kind, ...parts])).toString('base64url');
}

const OFFSET_CURSOR = /^offset:(\d{1,9})$/;

/**
 * What a cursor holds: the offset of a cursor made before cursors named their kind (links and widgets may hold one),
 * the parts after its kind, or neither when it is not ours at all. `list` names the list a list cursor came from, so
 * a refusal can say so.
 */
export interface UnpackedCursor {
  offset?: number;
  kind?: string;
  parts?: unknown[];
  list?: string;
}

export function unpackCursor(cursor: string): UnpackedCursor {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = OFFSET_CURSOR.exec(text);
  if (offset) return { offset: Number(offset[1]) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string') return {};
  const [kind, ...parts] = parsed as [string, ...unknown[]];
  return { kind, parts, list: kind === CursorKind.list && typeof parts[0] === 'string' ? parts[0] : undefined };
}

/** How to get a cursor that fits, for the message refusing one that does not. */
export function cursorFix(argument: 'after' | 'before'): string {
  return argument === 'after'
    ? 'pass pageInfo.endCursor of the page before'
    : 'pass pageInfo.startCursor of the page after';
}
