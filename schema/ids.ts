// Stable ids: a UUID (v5) derived from a node's label and natural key, so a re-import updates and never duplicates.
import { hash } from 'node:crypto';
import type { Label } from './graph.js';

/** Fixed namespace for Partnership Hub ids; changing it would change every id in every graph. */
const NAMESPACE = '6f1c8e0a-3b8e-5d7a-9c2e-2a1f4b7d9e10';

/** A namespace as RFC 4122 writes it: 32 hexadecimal digits in groups of 8, 4, 4, 4 and 12. */
const UUID_FORM = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Each namespace's 16 bytes, parsed once: namespaces are a handful of constants, and ids are made by the million. */
const namespaceBytes = new Map<string, Buffer>();

function bytesOf(namespace: string): Buffer {
  let bytes = namespaceBytes.get(namespace);
  if (bytes === undefined) {
    if (!UUID_FORM.test(namespace))
      throw new TypeError(`uuidV5: the namespace "${namespace}" is not a UUID (8-4-4-4-12 hexadecimal digits)`);
    bytes = Buffer.from(namespace.replaceAll('-', ''), 'hex');
    namespaceBytes.set(namespace, bytes);
  }
  return bytes;
}

/**
 * The namespace's bytes followed by the name: a name written after them, then hashed in one call. A bulk load derives a
 * million link ids, and the uuid package's v5 (parsing the namespace and hashing through a stream object per id)
 * took three to four times as long as this for the same ids (test/unit/schema/ids.test.ts holds them equal).
 * The namespace whose bytes open the scratch is kept, as ids come in long runs of one namespace.
 */
const scratch = Buffer.alloc(4096);
const NAMESPACE_LENGTH = 16;
let scratchNamespace: string | undefined;

/**
 * RFC 4122 version 5: SHA-1 of namespace and name (UTF-8), with the version (5) and variant (10xx) bits set; the same
 * lower-case id as the uuid package's `v5(name, namespace)`.
 */
export function uuidV5(name: string, namespace: string): string {
  if (namespace !== scratchNamespace) {
    bytesOf(namespace).copy(scratch, 0);
    scratchNamespace = namespace;
  }
  const bytes =
    Buffer.byteLength(name) <= scratch.length - NAMESPACE_LENGTH
      ? scratch.subarray(0, NAMESPACE_LENGTH + scratch.write(name, NAMESPACE_LENGTH, 'utf8'))
      : Buffer.concat([scratch.subarray(0, NAMESPACE_LENGTH), Buffer.from(name, 'utf8')]);
  const h = hash('sha1', bytes, 'hex');
  const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The id of the node with this label and natural key. Keys are ODS codes for NHS organisations, GSS/ONS codes
 * for areas, postcodes for postcodes, and lower-case slugs for everything else (`london-mecc-2017-18`).
 */
export function nodeId(label: Label, key: string): string {
  return uuidV5(`${label}:${key}`, NAMESPACE);
}

/** The id of a relationship, from its type and the labels and keys of its ends; stable across re-imports too. */
export function relationshipId(
  type: string,
  from: { label: string; key: string },
  to: { label: string; key: string },
): string {
  return uuidV5(`${type}:${from.label}:${from.key}>${to.label}:${to.key}`, NAMESPACE);
}
