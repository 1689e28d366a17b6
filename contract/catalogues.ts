// Chooses the strings for a page's language: the catalogue of its primary subtag (cy-GB → cy), English otherwise.
import { en, type Strings } from './strings.js';
import { cy } from './strings-cy.js';

const CATALOGUES: Readonly<Record<string, Strings>> = { en, cy };

/** The languages with a catalogue, as pages offer them. */
export const LANGUAGES = Object.keys(CATALOGUES);

/** The strings for a BCP 47 language tag (en-GB, cy), English for a language without a catalogue. */
export function stringsFor(lang: string | null | undefined): Strings {
  const primary = (lang ?? 'en').toLowerCase().split('-')[0] ?? 'en';
  return CATALOGUES[primary] ?? en;
}
