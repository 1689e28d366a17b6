// The graph's services, locations and topics in Open Referral UK 3.0's shapes; optional fields are left out, never null.
import { nodeId, uuidV5 } from '../../schema/ids.js';
import type { ServiceRow } from '../database/oruk.js';
import { organisationIdentifiers, publishedTerm } from './published.js';

/** Our one taxonomy: the topics shared by services, resources and programmes. */
export const TAXONOMY = {
  id: nodeId('Topic', 'taxonomy:partnership-hub-topics'),
  name: 'Partnership Hub topics',
  description: 'The topics Partnership Hub uses to classify services and resources (stop smoking, immunisation, ...).',
  version: '1',
};

const ORGANISATION_KIND: Record<string, string> = {
  NHS_TRUST: 'an NHS trust',
  CCG: 'a clinical commissioning group',
  ICB: 'an integrated care board',
  GP_PRACTICE: 'a GP practice',
  LOCAL_AUTHORITY: 'a local authority',
  NATIONAL_BODY: 'a national body',
  REGIONAL_BODY: 'a regional body',
  PROFESSIONAL_NETWORK: 'a professional network',
  VOLUNTARY: 'the voluntary sector',
  FIRE_AND_RESCUE: 'a fire and rescue service',
  EDUCATION: 'an education provider',
  TRADE_UNION: 'a trade union',
  CHARITY_FOUNDATION: 'a charity or foundation',
  OTHER: 'an organisation',
};

/** Drops undefined, null and empty lists, as the standard asks of optional fields. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)),
  ) as T;
}

const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const num = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** Ids for the standard's link records that the graph keeps as relationships: stable, and UUIDs as it requires. */
function linkId(kind: string, ...parts: string[]): string {
  return uuidV5(`${kind}:${parts.join('|')}`, TAXONOMY.id);
}

export function organisation(provider: Record<string, unknown>) {
  // The standard requires a description; ours may have none, so say what kind of organisation it is.
  const description =
    str(provider.description) ??
    `${provider.name} is ${ORGANISATION_KIND[String(provider.kind)] ?? 'an organisation'}.`;
  return compact({
    id: String(provider.id),
    name: String(provider.name),
    description,
    website: str(provider.website),
    organization_identifiers: organisationIdentifiers(provider),
  });
}

export function taxonomyTerm(topic: Record<string, unknown>) {
  return compact({
    id: String(topic.id),
    name: String(topic.name),
    description: str(topic.description) ?? String(topic.name),
    taxonomy: TAXONOMY.name,
    taxonomy_id: TAXONOMY.id,
    term: String(topic.key),
  });
}

function location(l: Record<string, unknown>) {
  const postcode = str(l.postcode);
  const town = str(l.town);
  // The standard's address needs a street line and a city; without them the location is given by its point alone.
  const line = (l.addressLines as string[] | undefined)?.[0];
  return compact({
    id: String(l.id),
    location_type: 'physical',
    name: str(l.name),
    latitude: num(l.latitude),
    longitude: num(l.longitude),
    addresses:
      postcode && town && line
        ? [
            {
              id: linkId('address', String(l.id)),
              location_id: String(l.id),
              address_1: line,
              city: town,
              state_province: '',
              postal_code: postcode,
              country: 'GB',
              address_type: 'physical',
            },
          ]
        : undefined,
  });
}

/** Open Referral UK fields kept from an import that the graph does not model (schedules, contacts, ...). */
function extras(row: ServiceRow): Record<string, unknown> {
  const kept = str(row.service.oruk);
  return kept ? (JSON.parse(kept) as Record<string, unknown>) : {};
}

/** A service as listed: its one-to-one fields and its organisation. */
export function serviceSummary(row: ServiceRow) {
  const s = row.service;
  const oneToOne = Object.fromEntries(
    Object.entries(extras(row)).filter(([, v]) => !Array.isArray(v) && (typeof v !== 'object' || v === null)),
  );
  return compact({
    ...oneToOne,
    id: String(s.id),
    organization_id: row.provider ? String(row.provider.id) : undefined,
    name: String(s.name),
    description: str(s.description),
    url: str(s.url),
    email: str(s.email),
    status: 'active',
    minimum_age: num(s.minimumAge),
    maximum_age: num(s.maximumAge),
    last_modified: str(s.updatedAt),
    organization: row.provider ? organisation(row.provider) : undefined,
  });
}

export function serviceAtLocation(row: ServiceRow, link: { location: Record<string, unknown>; linkId: string }) {
  return compact({
    id: link.linkId,
    service_id: String(row.service.id),
    location_id: String(link.location.id),
    location: location(link.location),
  });
}

/** A service with everything the graph knows: areas served, locations, topics as taxonomy terms. */
export function serviceFull(row: ServiceRow) {
  const id = String(row.service.id);
  return compact({
    ...extras(row),
    ...serviceSummary(row),
    service_areas: row.areas.map((a) =>
      compact({ id: linkId('service_area', id, String(a.id)), service_id: id, name: String(a.name) }),
    ),
    service_at_locations: row.locations.map((l) => serviceAtLocation(row, l)),
    attributes: [
      ...row.topics.map((t) =>
        compact({
          id: linkId('attribute', id, String(t.id)),
          link_id: id,
          link_type: 'service',
          taxonomy_term_id: String(t.id),
          taxonomy_term: taxonomyTerm(t),
        }),
      ),
      // Other taxonomies' terms as their feeds published them, beside our topics.
      ...row.terms.map((t) =>
        compact({
          id: linkId('attribute', id, String(t.id)),
          link_id: id,
          link_type: 'service',
          taxonomy_term_id: String(t.id),
          taxonomy_term: publishedTerm(t),
        }),
      ),
    ],
  });
}

/** A service-at-location in full: the link, its location, and the service it offers. */
export function serviceAtLocationFull(row: ServiceRow, linkId: string) {
  const link = row.locations.find((l) => l.linkId === linkId)!;
  return compact({ ...serviceAtLocation(row, link), service: serviceSummary(row) });
}

/**
 * An item with `distance`, whole metres from the postcode asked with, when there was one: not a field of the standard,
 * which lets a feed add its own, and what ORUK's users asked for beside the nearest-first order.
 */
export function withDistance<T extends object>(row: ServiceRow, item: T): T & { distance?: number } {
  return typeof row.distance === 'number' ? { ...item, distance: Math.round(row.distance) } : item;
}
