// What real Open Referral UK feeds send that the standard's schema refuses but a person reads without doubt, made
// standard before validation, each change said as a warning; what still fails validation after it is refused.
import { readFileSync } from 'node:fs';
import { isLocalTimestamp, readLondonTime } from './london-time.js';

/** One change made to a service, on its way to the import report. */
export interface Normalised {
  field: string;
  message: string;
}

/** The service fields the standard names: its service schema's properties. Any other top-level field is the publisher's own. */
export const STANDARD_FIELDS: ReadonlySet<string> = new Set(
  Object.keys(
    (
      JSON.parse(readFileSync(new URL('../../schema/oruk/service.json', import.meta.url), 'utf8')) as {
        properties: object;
      }
    ).properties,
  ),
);

/** HSDS 3.0 names whose value the UK profile keeps under another name: read into the profile's, kept if both are sent. */
const HSDS_NAMES: Record<string, string> = { fees_description: 'fees' };

const STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'];
const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A number sent as a string of digits ("51.5"), read as the number; anything else left for validation to refuse. */
function numberIn(record: Json, key: string, field: string, changes: Normalised[]): void {
  const value = record[key];
  if (typeof value === 'string' && NUMERIC.test(value)) {
    record[key] = Number(value);
    changes.push({ field, message: `the number "${value}" was sent as text: read as ${Number(value)}` });
  }
}

/** A `date-time` without an offset, read as London time; a date or time that does not exist is left to be refused. */
function timestampIn(record: Json, key: string, field: string, changes: Normalised[]): void {
  const value = record[key];
  if (!isLocalTimestamp(value)) return;
  const reading = readLondonTime(value);
  if (!reading) return;
  record[key] = reading.utc;
  changes.push({
    field,
    message: `${value} has no time zone: read as Europe/London time (${reading.zone}, ${reading.zone === 'BST' ? '+01:00' : '+00:00'}), stored as ${reading.utc}${reading.note ? `; ${reading.note}` : ''}`,
  });
}

/**
 * A copy of one service with its deviations made standard, and what was done. Vendor fields (names the standard does
 * not have, at the top of a service) need no change: they are kept on the record as JSON and served back as sent, which
 * each warning says.
 */
export function normaliseService(candidate: unknown): { service: unknown; changes: Normalised[] } {
  if (!isObject(candidate)) return { service: candidate, changes: [] };
  const service = structuredClone(candidate);
  const changes: Normalised[] = [];

  for (const [hsds, uk] of Object.entries(HSDS_NAMES)) {
    if (!(hsds in service)) continue;
    if (service[uk] === undefined) {
      service[uk] = service[hsds];
      delete service[hsds];
      changes.push({ field: hsds, message: `HSDS 3.0's name for the UK profile's "${uk}": imported as ${uk}` });
    } else
      changes.push({
        field: hsds,
        message: `HSDS 3.0's name for "${uk}", sent beside it: ${uk} imported, ${hsds} kept on the record as sent`,
      });
  }
  if (typeof service.status === 'string' && !STATUSES.includes(service.status)) {
    const status = service.status.trim().toLowerCase().replace(/[_-]+/g, ' ');
    if (STATUSES.includes(status)) {
      changes.push({ field: 'status', message: `"${service.status}" read as the standard's "${status}"` });
      service.status = status;
    }
  }
  timestampIn(service, 'last_modified', 'last_modified', changes);
  numberIn(service, 'minimum_age', 'minimum_age', changes);
  numberIn(service, 'maximum_age', 'maximum_age', changes);
  for (const field of Object.keys(service)) {
    if (STANDARD_FIELDS.has(field) || field in HSDS_NAMES) continue;
    changes.push({
      field,
      message:
        "not a field of Open Referral UK 3.0 (a publisher's own): kept on the record as JSON and served back in /oruk/services/{id} as sent",
    });
  }
  const sals = Array.isArray(service.service_at_locations) ? service.service_at_locations : [];
  sals.forEach((sal, index) => {
    if (!isObject(sal) || !isObject(sal.location)) return;
    numberIn(sal.location, 'latitude', `service_at_locations.${index}.location.latitude`, changes);
    numberIn(sal.location, 'longitude', `service_at_locations.${index}.location.longitude`, changes);
  });
  return { service, changes };
}
