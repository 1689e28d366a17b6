// What of a record is an admin's to edit, and what the service keeps for itself.

/** Properties the service manages itself; admins cannot set them, and the history does not repeat them. */
export const MANAGED = new Set(['id', 'key', 'version', 'retired', 'retiredAt', 'updatedAt']);

/** The record's own properties, without what the service manages: what an admin edits and the history shows. */
export function editable(node: Record<string, unknown>): Record<string, unknown> {
  // `demo: false` is how reads fill in a missing flag, not something the record holds.
  return Object.fromEntries(
    Object.entries(node).filter(
      ([k]) => !MANAGED.has(k) && !k.startsWith('__') && !(k === 'demo' && node.demo !== true),
    ),
  );
}
