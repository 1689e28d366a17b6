// UK postcodes in the one form the graph keys them by: upper case, with one space before the inward code.
export function normalisePostcode(value: string): string | undefined {
  const compact = value.toUpperCase().replace(/\s+/g, '');
  const match = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/.exec(compact);
  return match ? `${match[1]} ${match[2]}` : undefined;
}
