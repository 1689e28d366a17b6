// Stable ids: a UUID (v5) derived from a node's label and natural key, so a re-import updates and never duplicates.
import { v5 as uuidv5 } from 'uuid';
import type { Label } from './graph.js';

/** Fixed namespace for Partnership Hub ids; changing it would change every id in every graph. */
const NAMESPACE = '6f1c8e0a-3b8e-5d7a-9c2e-2a1f4b7d9e10';

/**
 * The id of the node with this label and natural key. Keys are ODS codes for NHS organisations, GSS/ONS codes
 * for areas, postcodes for postcodes, and lower-case slugs for everything else (`london-mecc-2017-18`).
 */
export function nodeId(label: Label, key: string): string {
  return uuidv5(`${label}:${key}`, NAMESPACE);
}

/** The id of a relationship, from its type and the labels and keys of its ends; stable across re-imports too. */
export function relationshipId(
  type: string,
  from: { label: string; key: string },
  to: { label: string; key: string },
): string {
  return uuidv5(`${type}:${from.label}:${from.key}>${to.label}:${to.key}`, NAMESPACE);
}
