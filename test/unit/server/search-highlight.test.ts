// Why a search hit matched: the words found in its name or description, as plain text with offsets a client can mark.
import { describe, expect, it } from 'vitest';
import { SEARCH_PROPERTIES } from '../../../schema/migrations.js';
import { FRAGMENT_LENGTH, fragment, highlight } from '../../../server/database/search-highlight.js';
import { searchWords } from '../../../server/database/search.js';

/** The text of each range, as a client marking them would show it. */
const marked = (h: { text: string; ranges: { start: number; length: number }[] } | undefined) =>
  h?.ranges.map((r) => h.text.slice(r.start, r.start + r.length));

describe('search highlights', () => {
  it('marks whole words, and the last word typed as a prefix, whatever their case', () => {
    const h = highlight({ name: 'Stop Smoking service (Barnet)' }, SEARCH_PROPERTIES, searchWords('barnet smok'));
    expect(h?.field).toBe('name');
    expect(marked(h)).toEqual(['Smoking', 'Barnet']);
    // Only the last word is a prefix, as in the full-text query: "stop" is not found inside "stopping".
    expect(marked(highlight({ name: 'Stopping smoking' }, SEARCH_PROPERTIES, searchWords('stop smoking')))).toEqual([
      'smoking',
    ]);
  });

  it('shows the property holding more of the words, the name on a tie, and nothing without a match', () => {
    const props = {
      name: 'Health Improvement Officer',
      description: 'Leads the immunisation work of the health improvement team in Barnet.',
    };
    expect(highlight(props, SEARCH_PROPERTIES, searchWords('health'))?.field).toBe('name');
    const both = highlight(props, SEARCH_PROPERTIES, searchWords('immunisation barnet'));
    expect(both?.field).toBe('description');
    expect(marked(both)).toEqual(['immunisation', 'Barnet']);
    expect(highlight(props, SEARCH_PROPERTIES, [])).toBeUndefined();
  });

  it('never looks at a property the index does not read, such as a person’s email', () => {
    const person = { name: 'Alex Example', email: 'alex.smoking@example.org', phone: '020 7946 0000' };
    expect(highlight(person, SEARCH_PROPERTIES, searchWords('smoking'))).toBeUndefined();
    expect(highlight(person, SEARCH_PROPERTIES, searchWords('020'))).toBeUndefined();
  });

  it('cuts a long description to a fragment around the first match, with offsets into the fragment', () => {
    const long = `${'Background words that say little. '.repeat(8)}Community navigators help people find support. ${'More words after the match. '.repeat(8)}`;
    const h = highlight({ name: 'Navigators', description: long }, SEARCH_PROPERTIES, searchWords('community support'));
    expect(h?.field).toBe('description');
    expect(h!.text.length).toBeLessThanOrEqual(FRAGMENT_LENGTH + 2);
    expect(h!.text.startsWith('…')).toBe(true);
    expect(h!.text.endsWith('…')).toBe(true);
    expect(marked(h)).toEqual(['Community', 'support']);
    // A short text is kept whole.
    expect(fragment('Short text', [{ start: 6, length: 4 }])).toEqual({
      text: 'Short text',
      ranges: [{ start: 6, length: 4 }],
    });
  });

  it('gives plain text, never markup: characters HTML treats specially come back as they are stored', () => {
    const h = highlight({ name: '<b>Smoking</b> & alcohol' }, SEARCH_PROPERTIES, searchWords('alcohol'));
    expect(h?.text).toBe('<b>Smoking</b> & alcohol');
    expect(marked(h)).toEqual(['alcohol']);
  });
});
