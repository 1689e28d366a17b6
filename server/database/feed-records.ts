// What a harvest writes beside the importer's records, in the same transaction: each service's feed and last-seen
// time, services gone from the feed retired (not deleted), and those it withdrew restored when they come back, both
// through the write path's retirement, as an admin's retire.
import { Label } from '../../schema/graph.js';
import { setRetired } from './write/retirement.js';
import type { Writer } from './write/statement.js';

/** On a service: the base URL of the feed it was last harvested from. */
export const FEED = '__feed';
/** On a service: when a harvest of its feed last found it there. */
export const SEEN_AT = '__seenAt';
/** On a service: when a harvest retired it for being gone from its feed; cleared when it comes back. */
export const WITHDRAWN_AT = '__withdrawnAt';

export interface FeedChanges {
  /** Services the feed no longer lists, retired by this run. */
  withdrawn: string[];
  /** Services the feed withdrew earlier and lists again, restored by this run. */
  restored: string[];
  /** Services the feed withdrew that an admin restored by hand: left as the admin left them. */
  keptByAdmin: string[];
}

const ids = (result: { records: { get(key: string): unknown }[] }) =>
  result.records.map((record) => String(record.get('id')));

/**
 * Writes the feed's marks and withdrawals for a harvest of `feed` that found the services with these `keys`. A service
 * an admin retired by hand is never restored by a harvest, and one the harvest withdrew but an admin restored is
 * not retired again: the admin's hand wins, as it does over an import's values.
 */
export async function writeFeedChanges(
  writer: Writer,
  feed: string,
  keys: readonly string[],
  actor: string,
): Promise<FeedChanges> {
  const changes: FeedChanges = { withdrawn: [], restored: [], keptByAdmin: [] };
  await writer.run({
    cypher: `UNWIND $keys AS key
     MATCH (s:${Label.Service} {key: key})
     SET s.${FEED} = $feed, s.${SEEN_AT} = toString(datetime())`,
    params: { keys, feed },
    rows: keys.length,
  });
  // Back in the feed: no longer withdrawn, and restored if the harvest's retirement still stands.
  let returned: string[] = [];
  await writer.run({
    cypher: `UNWIND $keys AS key
     MATCH (s:${Label.Service} {key: key}) WHERE s.${WITHDRAWN_AT} IS NOT NULL
     REMOVE s.${WITHDRAWN_AT}
     RETURN s.id AS id`,
    params: { keys },
    rows: keys.length,
    onResult: (result) => {
      returned = ids(result);
    },
  });
  await writer.drain();
  changes.restored.push(...(await setRetired(writer, Label.Service, returned, false, actor)));
  // Gone from the feed: retired and marked as the harvest's doing, unless an admin restored it after an earlier one.
  const gone: string[] = [];
  await writer.run({
    cypher: `MATCH (s:${Label.Service}) WHERE s.${FEED} = $feed AND NOT s.key IN $keys AND s.retired IS NULL
     WITH s, s.${WITHDRAWN_AT} IS NOT NULL AS restoredByHand
     FOREACH (_ IN CASE WHEN restoredByHand THEN [] ELSE [1] END | SET s.${WITHDRAWN_AT} = toString(datetime()))
     RETURN s.id AS id, restoredByHand`,
    params: { keys, feed },
    rows: 1,
    onResult: (result) => {
      for (const record of result.records)
        (record.get('restoredByHand') === true ? changes.keptByAdmin : gone).push(String(record.get('id')));
    },
  });
  await writer.drain();
  changes.withdrawn.push(...(await setRetired(writer, Label.Service, gone, true, actor)));
  return changes;
}
