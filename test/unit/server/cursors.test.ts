// The one cursor codec both connection kinds share: kinds kept apart, old offset cursors still read, sizes bounded.
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CursorKind, packCursor, pageSizeOf, unpackCursor } from '../../../server/graphql/resolvers/cursors.js';
import { MAX_PAGE } from '../../../server/graphql/resolvers/support.js';

describe('cursors', () => {
  it('reads back what it packed, with its kind', () => {
    const cursor = packCursor(CursorKind.search, 'fingerprint', 40);
    expect(unpackCursor(cursor)).toEqual({ kind: 's1', parts: ['fingerprint', 40], list: undefined });
  });

  it("names a list cursor's list, so a search can say whose cursor it was given", () => {
    const cursor = packCursor(CursorKind.list, 'programmes', 'NAME', 'ASC', 'mecc', 'id-1');
    expect(unpackCursor(cursor).list).toBe('programmes');
  });

  it('reads the offset cursors made before cursors named their kind', () => {
    expect(unpackCursor(Buffer.from('offset:19').toString('base64url'))).toEqual({ offset: 19 });
  });

  it('holds nothing for text that is not a cursor of ours', () => {
    expect(unpackCursor('not a cursor')).toEqual({});
    expect(unpackCursor(Buffer.from('{"a":1}').toString('base64url'))).toEqual({});
  });

  it('bounds the page and refuses first with last', () => {
    expect(pageSizeOf({})).toEqual({ take: 20, backwards: false });
    expect(pageSizeOf({ last: 5 })).toEqual({ take: 5, backwards: true });
    for (const args of [{ first: 0 }, { first: MAX_PAGE + 1 }, { last: 1.5 }, { first: 1, last: 1 }]) {
      expect(() => pageSizeOf(args)).toThrow(GraphQLError);
    }
    expect(() => pageSizeOf({ first: MAX_PAGE + 1 })).toThrow(`first must be between 1 and ${MAX_PAGE}`);
  });
});
