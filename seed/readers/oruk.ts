// Reads Open Referral UK 3.0 JSON (a /services page, /services/{id} bodies, or a file of them) into a GraphBatch,
// validated against the standard's compiled schemas; HTML in descriptions becomes plain text. Tolerant by default:
// real feeds' deviations that can be read without guessing are made standard first, each with a warning.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { convert } from 'html-to-text';
import { Label, Rel } from '../../schema/graph.js';
import { uuidV5 } from '../../schema/ids.js';
import { normalisePostcode } from '../../schema/postcodes.js';
import {
  ImportValidationError,
  type GraphBatch,
  type ImportProblem,
  type ImportWarning,
  type NodeRef,
  type Properties,
} from '../../schema/records.js';
import { parseJson } from './json.js';
import { readIdentifiers, type OrukIdentifier } from './oruk-identifiers.js';
import { normaliseService } from './oruk-tolerance.js';
import { readText } from './text.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const schema = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../schema/oruk/${name}`, import.meta.url), 'utf8')) as object;

/** Fields the graph models; everything else in a service is kept as JSON in its `oruk` property. */
const MODELLED = new Set([
  'id',
  'organization_id',
  'name',
  'description',
  'url',
  'email',
  'status',
  'minimum_age',
  'maximum_age',
  'organization',
  'service_at_locations',
  'attributes',
  'service_areas',
]);

let validators: { full: ValidateFunction; listed: ValidateFunction } | undefined;
function validatorsFor(): { full: ValidateFunction; listed: ValidateFunction } {
  // The schemas carry documentation keywords (constraints, core, example) that strict mode would reject.
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  validators ??= { full: ajv.compile(schema('service.json')), listed: ajv.compile(schema('service_list.json')) };
  return validators;
}

/** Plain text from HTML: no markup, no scripts, entities decoded; text that was plain stays as it was. */
export function safeText(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (!/[<&]/.test(value)) return value.trim();
  const text = convert(value, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
    ],
  }).trim();
  return text === '' ? undefined : text;
}

/** The service objects in a file: a page's contents, an array, or one service. */
function servicesIn(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (json && typeof json === 'object' && Array.isArray((json as { contents?: unknown }).contents))
    return (json as { contents: unknown[] }).contents;
  return [json];
}

function describe(error: ErrorObject): { field: string; message: string } {
  const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const missing = (error.params as { missingProperty?: string }).missingProperty;
  if (error.keyword === 'required' && missing) {
    const field = path ? `${path}.${missing}` : missing;
    return { field, message: `${field} is missing` };
  }
  const field = path || '(service)';
  return { field, message: `${field} ${error.message ?? 'is invalid'}` };
}

export interface OrukReadOptions {
  /** Refuse every deviation from the standard's schema, as its validator does, instead of normalising it. */
  strict?: boolean;
}

export async function readOruk(file: string, options: OrukReadOptions = {}): Promise<GraphBatch> {
  return parseOruk(file, parseJson(file, await readText(file)), options);
}

/** Plain text from a field that may hold HTML, with a warning when markup was taken out. */
function textOf(value: unknown, field: string, warn: (field: string, message: string) => void): string | undefined {
  const text = safeText(value);
  if (typeof value === 'string' && text !== undefined && text !== value.trim() && /<[a-z!/]/i.test(value))
    warn(field, 'HTML turned to plain text (markup, scripts and images removed, entities decoded)');
  return text;
}

/** The parts of an Open Referral UK 3.0 service this reader uses; the JSON schema has checked their shapes before. */
interface OrukService {
  id: string;
  name: string;
  description?: string;
  url?: string;
  email?: string;
  minimum_age?: number;
  maximum_age?: number;
  organization?: {
    id: string;
    name: string;
    description?: string;
    website?: string;
    organization_identifiers?: OrukIdentifier[];
  };
  service_at_locations?: { id: string; location?: OrukLocation }[];
  attributes?: { taxonomy_term?: OrukTerm }[];
  [field: string]: unknown;
}

interface OrukTerm {
  id: string;
  name: string;
  description?: string;
  parent_id?: string;
  taxonomy?: string;
  taxonomy_id?: string;
  term_uri?: string;
  term?: string;
}

/**
 * A term's taxonomy as published: its id where the feed gives one, else one derived from the taxonomy's name, so the
 * same vocabulary named in two feeds is one taxonomy in /oruk/taxonomies.
 */
export function taxonomyIdOf(term: Pick<OrukTerm, 'taxonomy' | 'taxonomy_id'>): string {
  if (term.taxonomy_id) return term.taxonomy_id;
  return uuidV5(`taxonomy:${(term.taxonomy ?? '').trim().toLowerCase()}`, TAXONOMY_NAMESPACE);
}
const TAXONOMY_NAMESPACE = 'a4f0e3a6-8a3b-5d0e-9a49-0c5b5e7f7a51';

interface OrukLocation {
  id: string;
  name?: string;
  latitude?: number;
  longitude?: number;
  addresses?: { address_1?: string; address_2?: string; city?: string; postal_code?: string }[];
}

export function parseOruk(file: string, json: unknown, options: OrukReadOptions = {}): GraphBatch {
  const { full, listed } = validatorsFor();
  const problems: ImportProblem[] = [];
  const warnings: ImportWarning[] = [];
  const batch: GraphBatch = { nodes: [], relationships: [] };
  const seen = new Set<string>();
  const node = (label: Label, id: string, properties: Properties, row: number): NodeRef => {
    const ref = { label, key: `oruk:${id}` };
    if (!seen.has(`${label}/${id}`)) {
      seen.add(`${label}/${id}`);
      batch.nodes.push({ ...ref, id, properties, origin: { file, row } });
    }
    return ref;
  };

  servicesIn(json).forEach((sent, index) => {
    const row = index + 1;
    const { service: candidate, changes } = options.strict ? { service: sent, changes: [] } : normaliseService(sent);
    const service = candidate as OrukService;
    const nested =
      service &&
      typeof service === 'object' &&
      ['service_at_locations', 'attributes', 'service_areas', 'schedules', 'contacts'].some((k) => k in service);
    const validate = nested ? full : listed;
    const valid: boolean = validate(candidate);
    if (!valid) {
      const id = typeof service?.id === 'string' ? service.id : `number ${row}`;
      for (const error of validate.errors ?? []) {
        const { field, message } = describe(error);
        problems.push({
          file,
          row,
          field,
          message: `service ${id}: ${message}`,
          fix: 'correct the record to Open Referral UK 3.0 (see the schema in schema/oruk/service.json)',
        });
      }
      return;
    }
    const record = `service ${service.id}`;
    const warn = (field: string, message: string) => warnings.push({ file, row, record, field, message });
    for (const change of changes) warn(change.field, change.message);
    const extra = Object.fromEntries(Object.entries(service).filter(([k]) => !MODELLED.has(k)));
    const self = node(
      Label.Service,
      service.id,
      {
        name: textOf(service.name, 'name', warn) ?? service.name,
        description: textOf(service.description, 'description', warn),
        url: service.url,
        email: service.email,
        minimumAge: service.minimum_age,
        maximumAge: service.maximum_age,
        oruk: Object.keys(extra).length > 0 ? JSON.stringify(extra) : undefined,
      },
      row,
    );
    const link = (type: Rel, to: NodeRef, id?: string) =>
      batch.relationships.push({ id, type, from: self, to, properties: {}, origin: { file, row } });

    const organisation = service.organization;
    if (organisation) {
      const identifiers = readIdentifiers(
        organisation.organization_identifiers,
        'organization.organization_identifiers',
      );
      for (const change of identifiers.changes) warn(change.field, change.message);
      link(
        Rel.PROVIDED_BY,
        node(
          Label.Organisation,
          organisation.id,
          {
            name: textOf(organisation.name, 'organization.name', warn) ?? organisation.name,
            kind: 'OTHER',
            description: textOf(organisation.description, 'organization.description', warn),
            website: organisation.website,
            ...identifiers.properties,
          },
          row,
        ),
      );
    }
    for (const sal of service.service_at_locations ?? []) {
      const location = sal.location;
      if (!location) continue;
      const address = location.addresses?.[0];
      link(
        Rel.AT,
        node(
          Label.Location,
          location.id,
          {
            name: safeText(location.name) ?? safeText(address?.address_1) ?? 'Location',
            latitude: location.latitude,
            longitude: location.longitude,
            addressLines: address
              ? [address.address_1, address.address_2].filter((l): l is string => typeof l === 'string' && l !== '')
              : undefined,
            town: address?.city || undefined,
            postcode: address?.postal_code
              ? (normalisePostcode(address.postal_code) ?? address.postal_code)
              : undefined,
          },
          row,
        ),
        sal.id,
      );
    }
    for (const attribute of service.attributes ?? []) {
      const term = attribute.taxonomy_term;
      if (!term) continue;
      // Kept as published, in its own taxonomy: an admin maps it to our topics (MAPPED_TO) where it means one.
      link(
        Rel.CLASSIFIED_AS,
        node(
          Label.TaxonomyTerm,
          term.id,
          {
            name: safeText(term.name) ?? term.name,
            description: safeText(term.description),
            code: term.term,
            taxonomy: safeText(term.taxonomy),
            taxonomyId: taxonomyIdOf(term),
            termUri: term.term_uri,
            parentId: term.parent_id,
          },
          row,
        ),
      );
    }
  });
  if (problems.length > 0) throw new ImportValidationError(problems);
  if (warnings.length > 0) batch.warnings = warnings;
  return batch;
}
