// The marks an admin's hand leaves on the graph, so that a re-import keeps their work: corrected properties, removed links.

/**
 * On a record or a link: the names of the properties an admin set or removed by hand (who and when are on the Change
 * trail). A re-import leaves these alone unless the admin prefers the file's values.
 */
export const CORRECTED = '__corrected';

/** On a record: the links from it an admin removed, as `TYPE>id of the other end`; a re-import does not put them back. */
export const UNLINKED = '__unlinked';

/** On a record: the file its imported values last came from. */
export const SOURCE = '__source';

/** How a removed link is remembered on the record it started from. */
export const unlinkedRef = (type: string, toId: string): string => `${type}>${toId}`;

/** The names a record's or link's stored properties mark as corrected by hand. */
export function correctedNames(stored: Readonly<Record<string, unknown>>): Set<string> {
  const names = stored[CORRECTED];
  return new Set(Array.isArray(names) ? names.map(String) : []);
}

/** The links a record's stored properties remember as removed by an admin. */
export function unlinkedRefs(stored: Readonly<Record<string, unknown>>): Set<string> {
  const refs = stored[UNLINKED];
  return new Set(Array.isArray(refs) ? refs.map(String) : []);
}

/** A Cypher expression: the list property `property` of `variable` with the names in `added` (a parameter) added once. */
export const withNames = (variable: string, property: string, added: string): string =>
  `[x IN coalesce(${variable}.${property}, []) WHERE NOT x IN ${added}] + ${added}`;

/** A Cypher expression: the list property `property` of `variable` without the names in `removed`; null (gone) when empty. */
export const withoutNames = (variable: string, property: string, removed: string): string =>
  `CASE WHEN all(x IN coalesce(${variable}.${property}, []) WHERE x IN ${removed}) THEN null ` +
  `ELSE [x IN ${variable}.${property} WHERE NOT x IN ${removed}] END`;
