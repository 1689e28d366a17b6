// The one shape every reader produces and the importer writes: nodes and relationships keyed by natural keys,
// each remembering where it came from so that an error can name the file, row and field.
import type { Label, Rel } from './graph.js';

export type Scalar = string | number | boolean;
export type PropertyValue = Scalar | readonly string[] | readonly number[];
export type Properties = Record<string, PropertyValue | null | undefined>;

/** Where a record was read: file (as given), 1-based row or line when the format has rows, and field when known. */
export interface Origin {
  file: string;
  row?: number;
  field?: string;
}

export interface NodeRecord {
  /** An id the source gives (an Open Referral UK UUID), kept instead of the one derived from label and key. */
  id?: string;
  label: Label;
  /** Natural key (ODS code, ONS code, postcode or slug); the node's id is derived from label and key. */
  key: string;
  properties: Properties;
  origin: Origin;
}

export interface NodeRef {
  label: Label;
  key: string;
}

export interface RelationshipRecord {
  /** An id the source gives (a service-at-location UUID), kept instead of the derived one. */
  id?: string;
  type: Rel;
  from: NodeRef;
  to: NodeRef;
  properties: Properties;
  origin: Origin;
  /**
   * Skip, and report, rather than fail when an end is in neither the import nor the database: an ODS extract
   * names parent organisations (a practice's CCG) that an admin may not have loaded.
   */
  optional?: boolean;
}

export interface GraphBatch {
  nodes: NodeRecord[];
  relationships: RelationshipRecord[];
  /** What a tolerant reader changed to understand the file (a time zone supplied, HTML made text), said per record and field. */
  warnings?: ImportWarning[];
}

/** Something a reader normalised or set aside rather than refused, phrased for the admin who may want to fix it. */
export interface ImportWarning {
  file: string;
  row?: number;
  /** The record it is about, e.g. "service 3f1c…". */
  record?: string;
  field: string;
  /** What was done, e.g. "2025-09-02T12:06:15.654 has no offset: read as Europe/London time (BST, +01:00)". */
  message: string;
}

export function formatWarning(w: ImportWarning): string {
  const where = [w.file, w.row !== undefined ? `row ${w.row}` : undefined, w.record, `field "${w.field}"`]
    .filter(Boolean)
    .join(', ');
  return `${where}: ${w.message}`;
}

/** One problem in an input file, phrased for the admin who has to fix it. */
export interface ImportProblem {
  file: string;
  row?: number;
  /** 1-based character position on the line, for faults in the file's syntax (a quote, a bracket, a byte). */
  column?: number;
  field?: string;
  /** What is wrong, e.g. "ODS code 'R1K 01' has a space". */
  message: string;
  /** How to fix it, e.g. "ODS codes are 3 to 6 letters and digits". */
  fix: string;
}

/** Thrown when input is invalid; carries every problem found, not just the first. */
export class ImportValidationError extends Error {
  constructor(readonly problems: readonly ImportProblem[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in the input:\n${problems.map(formatProblem).join('\n')}`,
    );
    this.name = 'ImportValidationError';
  }
}

export function formatProblem(p: ImportProblem): string {
  const where = [
    p.file,
    // A syntax fault sits on a line of text; a record's fault is in a row (which may span lines).
    p.row !== undefined ? (p.column !== undefined ? `line ${p.row}, column ${p.column}` : `row ${p.row}`) : undefined,
    p.field !== undefined ? `field "${p.field}"` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return `${where}: ${p.message}. Fix: ${p.fix}`;
}

export function emptyBatch(): GraphBatch {
  return { nodes: [], relationships: [] };
}
