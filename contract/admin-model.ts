// The model as the admin console reads it (served by the service at /admin/model.json, derived from schema/model.ts):
// each record kind's properties with their types, its link fields, and the relationships it may start or end.

/** How a property is edited: the model's types, with a closed vocabulary as `choice` and its values. */
export type AdminPropertyType =
  | 'string'
  | 'text'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'date'
  | 'url'
  | 'strings'
  | 'integers'
  | 'choice';

export interface AdminProperty {
  name: string;
  type: AdminPropertyType;
  /** The vocabulary's values, for a `choice`. */
  choices?: string[];
  required: boolean;
  /** People's contact details: never shown to the public. */
  private: boolean;
  description: string;
}

/** A field of the record's GraphQL type that follows one relationship (a service's provider). */
export interface AdminLinkField {
  field: string;
  rel: string;
  /** `out`: this record starts the link; `in`: the linked record does. */
  direction: 'out' | 'in';
  to: string[];
  one: boolean;
  description: string;
}

export interface AdminLabel {
  label: string;
  description: string;
  /** The search's kind for it, when the search finds it by name. */
  searchKind?: string;
  properties: AdminProperty[];
  links: AdminLinkField[];
}

export interface AdminRelationship {
  type: string;
  from: string[];
  to: string[];
  description: string;
  properties: AdminProperty[];
}

export interface AdminModel {
  labels: AdminLabel[];
  relationships: AdminRelationship[];
}

/** Where the console reads the model. */
export const ADMIN_MODEL_PATH = '/admin/model.json';

/** A property's name as a form shows it: `shortName` → `Short name`, `odsCode` → `ODS code`. */
export function propertyLabel(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\b(ods|gss|ons|url|id|uk|nhs)\b/g, (w) => w.toUpperCase());
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A relationship type as a sentence fragment: `PROVIDED_BY` → `provided by`. */
export const relationshipLabel = (type: string): string => type.toLowerCase().replace(/_/g, ' ');
