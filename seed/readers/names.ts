// Turns the UPPER CASE names of NHS and ONS extracts into the mixed case people read ("Barts Health NHS Trust").

/** Words kept as capitals: acronyms common in NHS and council names. */
const ACRONYMS = new Set([
  'NHS',
  'CCG',
  'ICB',
  'GP',
  'UK',
  'PCT',
  'CIC',
  'LLP',
  'PLC',
  'HIV',
  'AIDS',
  'MK',
  'OOH',
  'IAPT',
]);
/** Words kept lower case inside a name. */
const SMALL = new Set(['and', 'of', 'the', 'for', 'in', 'on', 'at', 'with', 'upon', 'by']);

function capitalise(word: string): string {
  // Keeps hyphenated and apostrophed parts readable: "STOCKTON-ON-TEES" → "Stockton-on-Tees", "KING'S" → "King's".
  return word
    .toLowerCase()
    .replace(/(^|[-(/])([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase())
    .replace(/-(On|Upon|In|Le|Under)-/g, (m) => m.toLowerCase());
}

export function readableName(name: string): string {
  if (name !== name.toUpperCase()) return name; // already mixed case: leave it as written
  return name
    .split(/\s+/)
    .map((word, index) => {
      const bare = word.replace(/[^A-Z0-9&']/g, '');
      if (ACRONYMS.has(bare)) return word;
      if (index > 0 && SMALL.has(word.toLowerCase())) return word.toLowerCase();
      if (/\d/.test(word) && /^[A-Z0-9]+$/.test(word)) return word; // postcodes, unit numbers
      return capitalise(word);
    })
    .join(' ');
}
