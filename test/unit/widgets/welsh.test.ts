// Welsh: every string of the English catalogue translated and marked for review, and dates written the Welsh way
// whatever locale data the browser carries.
import { describe, expect, it } from 'vitest';
import { stringsFor } from '../../../contract/catalogues.js';
import { en } from '../../../contract/strings.js';
import { CY_REVIEW, cy } from '../../../contract/strings-cy.js';

/** Every leaf of a catalogue as path → value (functions called with sample arguments), to compare the two. */
function leaves(catalogue: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const name = `${prefix}${key}`;
    if (typeof value === 'string') out.set(name, value);
    else if (typeof value === 'function') out.set(name, String((value as (...a: unknown[]) => unknown)('X', 2)));
    else for (const [k, v] of leaves(value as object, `${name}.`)) out.set(k, v);
  }
  return out;
}

describe('the Welsh catalogue', () => {
  it('translates every string of the English one, and marks each for review', () => {
    const english = leaves(en);
    const welsh = leaves(cy);
    expect([...welsh.keys()].sort()).toEqual([...english.keys()].sort());
    // Words that are the same in both languages (names, loanwords, codes, formats) are the only ones left alike.
    const same = [...english].filter(([key, text]) => welsh.get(key) === text).map(([key]) => key);
    expect(same.sort()).toEqual(['number', 'roles.PARTNER', 'resourceKinds.BLOG', 'resourceKinds.DATA', 'date'].sort());
    expect(Object.keys(CY_REVIEW).sort()).toEqual(Object.keys(en).sort());
    expect(new Set(Object.values(CY_REVIEW))).toEqual(new Set(['machine-assisted']));
  });

  it('writes dates and numbers the Welsh way, and is chosen by any Welsh language tag', () => {
    expect(cy.date('2018-03-31')).toBe('31 Mawrth 2018');
    expect(cy.date('2018-06')).toBe('Mehefin 2018');
    expect(en.date('2018-03-31')).toBe('31 March 2018');
    expect(cy.resultsCount(10, 1234)).toBe('Yn dangos 10 o 1,234 canlyniad');
    expect(stringsFor('cy-GB')).toBe(cy);
    expect(stringsFor('CY')).toBe(cy);
    expect(stringsFor('fr')).toBe(en);
    expect(stringsFor(undefined)).toBe(en);
  });
});
