// An ORUK organisation's third-party identifiers read into the model's: charity and company numbers and the ODS code
// by their org-id.guide scheme or, where a feed uses a scheme of its own, by the words of its identifier_type.
import { ORGANISATION_IDENTIFIERS, type OrganisationIdentifier } from '../../schema/concepts/index.js';

/** One entry of `organization_identifiers`, as HSDS 3.0 and the UK profile both name its fields. */
export interface OrukIdentifier {
  identifier_scheme?: string;
  identifier_type?: string;
  identifier?: string;
}

/** org-id.guide's schemes, and those real UK feeds use instead (the validator's own fixtures send UK-CHTY and UK-CO). */
const SCHEMES: Record<string, OrganisationIdentifier> = {
  'GB-CHC': 'charityNumber',
  'GB-SC': 'charityNumber',
  'GB-NIC': 'charityNumber',
  'UK-CHTY': 'charityNumber',
  'GB-COH': 'companyNumber',
  'UK-CO': 'companyNumber',
  'GB-NHS': 'odsCode',
};

/** What a scheme the model does not know is, read from its human-readable type. */
function byType(type: string | undefined): OrganisationIdentifier | undefined {
  if (!type) return undefined;
  if (/charit/i.test(type)) return 'charityNumber';
  if (/compan/i.test(type)) return 'companyNumber';
  if (/\bODS\b|organi[sz]ation data service/i.test(type)) return 'odsCode';
  return undefined;
}

/** The value as registers write it: no spaces, capitals; a company number of digits is eight long, as Companies House gives it. */
function canonical(kind: OrganisationIdentifier, value: string): string {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  if (kind === 'companyNumber' && /^\d{1,7}$/.test(compact)) return compact.padStart(8, '0');
  return compact;
}

export interface ReadIdentifiers {
  properties: Partial<Record<OrganisationIdentifier, string>> & { otherIdentifiers?: string[] };
  /** What was changed or set aside, by the field it was in (organization.organization_identifiers.N). */
  changes: { field: string; message: string }[];
}

/** The identifiers the model keeps by name, the others as `scheme:identifier`, and a note of each value rewritten. */
export function readIdentifiers(sent: readonly OrukIdentifier[] | undefined, field: string): ReadIdentifiers {
  const read: ReadIdentifiers = { properties: {}, changes: [] };
  const others: string[] = [];
  (sent ?? []).forEach((entry, index) => {
    const where = `${field}.${index}`;
    const value = typeof entry.identifier === 'string' ? entry.identifier.trim() : '';
    if (value === '') return;
    const scheme = entry.identifier_scheme?.trim().toUpperCase();
    const kind = (scheme ? SCHEMES[scheme] : undefined) ?? byType(entry.identifier_type);
    if (!kind) {
      others.push(`${scheme || entry.identifier_type?.trim() || 'unknown'}:${value}`);
      return;
    }
    // Written as its register writes it, so two feeds' spellings of one number match: the standard leaves the value's
    // form to its scheme, so this is no deviation to warn of.
    const stored = canonical(kind, value);
    const already = read.properties[kind];
    if (already !== undefined && already !== stored) {
      // A second value of the same kind is kept, not lost: the model's property holds the first.
      others.push(`${scheme || entry.identifier_type?.trim() || kind}:${stored}`);
      read.changes.push({
        field: where,
        message: `a second ${ORGANISATION_IDENTIFIERS[kind]} (${stored}) beside ${already}: kept among the other identifiers`,
      });
      return;
    }
    read.properties[kind] = stored;
  });
  if (others.length > 0) read.properties.otherIdentifiers = others;
  return read;
}
