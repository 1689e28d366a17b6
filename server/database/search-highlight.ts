// Why a search hit matched: the words of its name or description that the query's words found, as plain text and offsets.

/** A stretch of a text: where it starts and how long it is, in UTF-16 code units (as JavaScript strings count). */
export interface TextRange {
  start: number;
  length: number;
}

/** The indexed property of a hit that holds matching words: its text (a fragment for long ones) and where they are. */
export interface Highlight {
  field: string;
  text: string;
  ranges: TextRange[];
}

/** Longest fragment of a description shown, in characters; names are shown whole. */
export const FRAGMENT_LENGTH = 160;
/** How much of a description to keep before its first match, so the fragment reads as a phrase. */
const LEAD_IN = 50;
const ELLIPSIS = '…';

/**
 * Words as Lucene's standard analyser sees them, near enough: runs of letters and digits, with inner apostrophes
 * (children's), compared in lower case. Punctuation between words (stop-smoking) separates them, as in the index.
 */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/**
 * The ranges of `text` holding a query word: a word equal to one of `words`, or starting with `prefix` (the last word
 * typed, which the query also matches as a prefix so that "smok" finds smoking).
 */
export function matchingRanges(text: string, words: readonly string[], prefix?: string): TextRange[] {
  const wanted = new Set(words);
  const ranges: TextRange[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0].toLowerCase();
    if (wanted.has(word) || (prefix !== undefined && word.startsWith(prefix)))
      ranges.push({ start: match.index, length: match[0].length });
  }
  return ranges;
}

/**
 * A fragment of a long text around its first match: at most FRAGMENT_LENGTH characters, cut at spaces, with an
 * ellipsis where text was left out; the ranges moved to the fragment's positions, those cut off left out.
 */
export function fragment(text: string, ranges: readonly TextRange[]): { text: string; ranges: TextRange[] } {
  if (text.length <= FRAGMENT_LENGTH) return { text, ranges: [...ranges] };
  const first = ranges[0]?.start ?? 0;
  let start = Math.max(0, first - LEAD_IN);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  let end = Math.min(text.length, start + FRAGMENT_LENGTH);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > first) end = space;
  }
  const before = start > 0 ? ELLIPSIS : '';
  const after = end < text.length ? ELLIPSIS : '';
  return {
    text: `${before}${text.slice(start, end)}${after}`,
    ranges: ranges
      .filter((r) => r.start >= start && r.start + r.length <= end)
      .map((r) => ({ start: r.start - start + before.length, length: r.length })),
  };
}

/**
 * The searched property (name, description) that best says why a hit matched: the one holding the most of the query's
 * words, the earlier on a tie (a name before a description), or undefined when none holds any (no text was given).
 * Only the properties the full-text index reads are looked at, so a private one (a person's email) is never shown.
 */
export function highlight(
  properties: Record<string, unknown>,
  searched: readonly string[],
  words: readonly string[],
): Highlight | undefined {
  const last = words.at(-1);
  const prefix = last !== undefined && last.length >= 2 ? last : undefined;
  let best: { field: string; value: string; ranges: TextRange[]; found: number } | undefined;
  for (const field of searched) {
    const value = properties[field];
    if (typeof value !== 'string' || value.length === 0) continue;
    const ranges = matchingRanges(value, words, prefix);
    const found = new Set(ranges.map((r) => value.slice(r.start, r.start + r.length).toLowerCase())).size;
    if (found > (best?.found ?? 0)) best = { field, value, ranges, found };
  }
  if (!best) return undefined;
  return {
    field: best.field,
    ...(best.field === 'name' ? { text: best.value, ranges: best.ranges } : fragment(best.value, best.ranges)),
  };
}
