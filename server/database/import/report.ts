// What an import tells its caller: counts per label and type, links it skipped, and where its time went.
import type { Label, Rel } from '../../../schema/graph.js';
import type { OrganisationIdentifier } from '../../../schema/concepts/index.js';
import type { ImportWarning, Origin } from '../../../schema/records.js';

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface SkippedLink {
  link: string;
  missing: string;
  origin: Origin;
}

/**
 * A value in the file that differs from one an admin set by hand (or a link the admin removed): kept as the admin left
 * it, unless the import prefers the file's values, when `applied` is true.
 */
export interface ImportConflict {
  /** The file and row the file's value came from. */
  origin: Origin;
  /** The record (`Label/key`) or, for a link, the link (`Label/key TYPE Label/key`). */
  record: string;
  /** The property, or the link type for a removed link. */
  field: string;
  /** The admin's value: null where they removed the property; "removed" for a link. */
  adminValue: unknown;
  /** The file's value: for a link, "present". */
  fileValue: unknown;
  applied: boolean;
}

/** A record as an admin finds it again: its id, label, key and name. */
export interface ConflictRecord {
  id: string;
  label: Label;
  key: string;
  name?: string;
}

/** Two records that look like one organisation: the file's, and the one that already has its identifier. */
export interface MergeCandidate {
  /** The file and row the file's organisation came from. */
  origin: Origin;
  /** The organisation in the file. */
  record: ConflictRecord;
  /** Which identifier they share (charityNumber, companyNumber, odsCode). */
  identifier: OrganisationIdentifier;
  value: string;
  /** The organisation that has it already. */
  existing: ConflictRecord;
  /** Where that one is: already in the hub, or earlier in this file. */
  existingIn: 'hub' | 'file';
  /**
   * True when the file's value was left off its record: an ODS code belongs to one organisation (a constraint), so it
   * stays with the one in the hub that had it until an admin merges the two. (Two in one file are refused whole.)
   */
  withheld: boolean;
  /** Said for the admin: "X in this file has charity number N, as Y already in the hub". */
  message: string;
}

/** Where an import's time went, in milliseconds: a large load is judged by these, not guessed at. */
export interface ImportTimings {
  /** Checking the records against the model, in this process. */
  validateMs: number;
  /** Asking the database what exists already: nodes, links, clashing ids. */
  checkMs: number;
  /** Sending the writes and Neo4j running them. */
  writeMs: number;
  /** Neo4j making the transaction durable: its stores, indexes (the full-text one too) and log. */
  commitMs: number;
}

/** The timings of the phases after validation, which the two ways of writing measure for themselves. */
export type Phases = Omit<ImportTimings, 'validateMs'>;

export interface ImportReport {
  dryRun: boolean;
  nodes: Partial<Record<Label, Counts>>;
  relationships: Partial<Record<Rel, Counts>>;
  /** Optional links (an ODS parent code) whose other end is neither in the import nor in the database. */
  skippedLinks: SkippedLink[];
  /** Values and links an admin corrected by hand that the file would change. */
  conflicts: ImportConflict[];
  /**
   * The records the conflicts are about, by their `record`: for a link, the record it starts from, which an admin opens
   * to see it, and the link. What a console shows beside each conflict.
   */
  conflictRecords: Record<string, { node: ConflictRecord; link?: string }>;
  /**
   * Organisations in the file that share a charity or company number or an ODS code with another, in the hub or in the
   * file: reported for an admin to merge (or not), never merged by the import.
   */
  mergeCandidates: MergeCandidate[];
  /** Whether the file's values were applied over admins' corrections. */
  preferFile: boolean;
  durationMs: number;
  timings: ImportTimings;
  /** How many transactions wrote it: 1, except for a bulk load. */
  transactions: number;
  /** What the readers normalised rather than refused (a time zone supplied, HTML made text); absent when nothing was. */
  warnings?: ImportWarning[];
}

export function emptyReport(dryRun: boolean, preferFile = false): ImportReport {
  return {
    dryRun,
    conflicts: [],
    conflictRecords: {},
    mergeCandidates: [],
    preferFile,
    nodes: {},
    relationships: {},
    skippedLinks: [],
    durationMs: 0,
    timings: { validateMs: 0, checkMs: 0, writeMs: 0, commitMs: 0 },
    transactions: 1,
  };
}

export function count(counts: Partial<Record<string, Counts>>, name: string, kind: keyof Counts): void {
  const entry = counts[name] ?? { created: 0, updated: 0, unchanged: 0 };
  entry[kind] += 1;
  counts[name] = entry;
}

/** Milliseconds since it was made or last read. */
export function stopwatch(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const ms = Math.round(now - last);
    last = now;
    return ms;
  };
}
