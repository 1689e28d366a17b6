// What the feed gives back as publishers sent it: organisations' third-party identifiers and other taxonomies' terms.
import { uuidV5 } from '../../schema/ids.js';

/** Namespace of the ids made here for records the graph keeps as properties (an identifier entry). */
const NAMESPACE = '0d3f5c1e-7a43-5b9e-8f21-6c4e2b9a7d03';

const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** A charity number's register by its form: OSCR's start SC, CCNI's NIC (or NI); the rest are England and Wales's. */
function charityScheme(value: string): string {
  if (/^SC/.test(value)) return 'GB-SC';
  if (/^NI/.test(value)) return 'GB-NIC';
  return 'GB-CHC';
}

/**
 * An organisation's identifiers as ORUK's `organization_identifiers`: charity and company numbers under their
 * org-id.guide schemes, the ODS code by its type alone (org-id.guide lists no scheme for it), the others as sent.
 */
export function organisationIdentifiers(provider: Record<string, unknown>) {
  const id = String(provider.id);
  const entries: { identifier_scheme?: string; identifier_type: string; identifier: string }[] = [];
  const charity = str(provider.charityNumber);
  if (charity)
    entries.push({ identifier_scheme: charityScheme(charity), identifier_type: 'Charity number', identifier: charity });
  const company = str(provider.companyNumber);
  if (company) entries.push({ identifier_scheme: 'GB-COH', identifier_type: 'Company number', identifier: company });
  const ods = str(provider.odsCode);
  if (ods) entries.push({ identifier_type: 'NHS ODS code', identifier: ods });
  for (const other of (provider.otherIdentifiers as string[] | undefined) ?? []) {
    const at = other.indexOf(':');
    const [scheme, identifier] = at > 0 ? [other.slice(0, at), other.slice(at + 1)] : ['', other];
    entries.push({
      ...(scheme ? { identifier_scheme: scheme } : {}),
      identifier_type: scheme || 'Identifier',
      identifier,
    });
  }
  return entries.map((entry) => ({
    id: uuidV5(`identifier:${id}|${entry.identifier_type}|${entry.identifier}`, NAMESPACE),
    organization_id: id,
    ...entry,
  }));
}

/** A published taxonomy's name, where the feed gave none. */
export const UNNAMED_TAXONOMY = 'Unnamed taxonomy';

/** A term of another taxonomy as ORUK's `taxonomy_term`, as its feed published it. */
export function publishedTerm(term: Record<string, unknown>) {
  const entries = {
    id: String(term.id),
    name: String(term.name),
    // The standard requires a description; a term sent without one is described by its name.
    description: str(term.description) ?? String(term.name),
    parent_id: str(term.parentId),
    taxonomy: str(term.taxonomy) ?? UNNAMED_TAXONOMY,
    taxonomy_id: str(term.taxonomyId),
    term_uri: str(term.termUri),
    term: str(term.code),
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as typeof entries;
}

/** The taxonomies the published terms belong to, one per taxonomy id, by name. */
export function publishedTaxonomies(terms: readonly Record<string, unknown>[]) {
  const byId = new Map<string, { id: string; name: string; description: string }>();
  for (const term of terms) {
    const id = str(term.taxonomyId);
    if (!id || byId.has(id)) continue;
    const name = str(term.taxonomy) ?? UNNAMED_TAXONOMY;
    byId.set(id, { id, name, description: `${name}, as published by the Open Referral UK feeds imported here.` });
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
