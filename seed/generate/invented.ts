// What marks generated records as invented, and how their values are written: names, contacts, dates, places.

/** Every name says it is invented, so that a screenshot of a benchmark graph can never pass for real data. */
export const SYNTHETIC = ' (synthetic)';

/** The reserved example domain and Ofcom's drama telephone numbers: contact details that can never reach anyone. */
export const WEB = 'https://example.org/gen';
export const phone = (n: number) => `01632 ${960000 + (n % 1000)}`;

export const pad2 = (n: number) => String(n).padStart(2, '0');
export const isoDay = (year: number, month: number, day: number) => `${year}-${pad2(month)}-${pad2(day)}`;
export const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
/** Coordinates to five decimal places (about a metre), as the reference data gives them. */
export const round5 = (x: number) => Math.round(x * 1e5) / 1e5;
