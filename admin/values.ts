// How a property's value is shown and read back from a form, by the model's type: lists one a line, yes or no for
// booleans, numbers as numbers, and an empty answer as "remove it".
import type { AdminProperty } from '../contract/admin-model.js';

export const isEmpty = (value: unknown): boolean =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** A value as text on the page. */
export function showValue(value: unknown): string {
  if (isEmpty(value)) return 'Not set';
  if (Array.isArray(value)) return value.join('; ');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A value as a form field holds it. */
export function draftOf(property: AdminProperty, value: unknown): string {
  if (isEmpty(value)) return '';
  if ((property.type === 'strings' || property.type === 'integers') && Array.isArray(value)) return value.join('\n');
  return String(value);
}

/** What a form field's text sets: `undefined` means remove the property. */
export function parseDraft(property: AdminProperty, draft: string): unknown {
  const text = draft.trim();
  if (text === '') return undefined;
  switch (property.type) {
    case 'strings':
      return text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
    case 'integers':
      return text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => (/^-?\d+$/.test(line) ? Number(line) : line));
    case 'integer':
    case 'number':
      // Anything that is not a number goes as written, so the model's own check says what is wrong with it.
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    case 'boolean':
      return text === 'true';
    default:
      return text;
  }
}

/** Whether two values are the same, lists compared item by item. */
export const sameValue = (a: unknown, b: unknown): boolean =>
  (isEmpty(a) && isEmpty(b)) || JSON.stringify(a) === JSON.stringify(b);

/** A moment as the console writes it, in UTC so that admins in different places read the same time. */
export const when = (iso: string): string =>
  `${new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`;
