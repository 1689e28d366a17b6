// Checks a batch against the model in schema/model.ts and merges records of the same node, before anything is written.
import { LABELS, RELS, type Label, type Rel } from './graph.js';
import { NODE_MODEL, RELATIONSHIP_MODEL, type PropertySpec, type PropertySpecs } from './model.js';
import type {
  GraphBatch,
  ImportProblem,
  NodeRecord,
  Origin,
  Properties,
  PropertyValue,
  RelationshipRecord,
} from './records.js';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;
const KEY = /^[A-Za-z0-9][A-Za-z0-9 ._:-]{0,199}$/;
const MAX_TEXT = 20_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function problemAt(origin: Origin, field: string | undefined, message: string, fix: string): ImportProblem {
  return { file: origin.file, row: origin.row, field: field ?? origin.field, message, fix };
}

/** Why a value does not fit its property, or undefined when it does. */
function typeProblem(spec: PropertySpec, value: PropertyValue): string | undefined {
  const { type } = spec;
  if (Array.isArray(type)) {
    return typeof value === 'string' && type.includes(value)
      ? undefined
      : `is ${JSON.stringify(value)}, not one of ${type.join(', ')}`;
  }
  switch (type) {
    case 'string':
    case 'text':
      if (typeof value !== 'string') return `is ${JSON.stringify(value)}, not text`;
      if (value.trim() === '') return 'is empty';
      if (type === 'string' && value.length > 500) return 'is longer than 500 characters';
      if (value.length > MAX_TEXT) return `is longer than ${MAX_TEXT} characters`;
      return undefined;
    case 'url':
      return typeof value === 'string' && /^https?:\/\/[^\s]+$/.test(value)
        ? undefined
        : `is ${JSON.stringify(value)}, not an http(s) address`;
    case 'date':
      return typeof value === 'string' && ISO_DATE.test(value) ? undefined : `is ${JSON.stringify(value)}, not a date`;
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value)
        ? undefined
        : `is ${JSON.stringify(value)}, not a whole number`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : `is ${JSON.stringify(value)}, not a number`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `is ${JSON.stringify(value)}, not true or false`;
    case 'strings':
      return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v.trim() !== '')
        ? undefined
        : 'is not a list of texts';
    case 'integers':
      return Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isSafeInteger(v))
        ? undefined
        : 'is not a list of whole numbers';
  }
  return undefined;
}

function fixFor(spec: PropertySpec): string {
  const { type } = spec;
  if (Array.isArray(type)) return `use one of ${type.join(', ')}`;
  return {
    string: 'give a short text',
    text: 'give a text',
    url: 'give a full address starting https://',
    date: 'write dates as 2018-03-31, or 2017-09 for a month',
    integer: 'give a whole number',
    number: 'give a number',
    boolean: 'write true or false',
    strings: 'give a list of one or more texts',
    integers: 'give a list of whole numbers',
  }[type as Exclude<typeof type, readonly string[]>];
}

function checkProperties(
  specs: PropertySpecs,
  properties: Properties,
  origin: Origin,
  what: string,
  problems: ImportProblem[],
): void {
  for (const [name, value] of Object.entries(properties)) {
    // Own properties only: `constructor`, `toString` or `__proto__` are inherited by every object, not the model's.
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) {
      problems.push(
        problemAt(
          origin,
          name,
          `${what} has no property "${name}"`,
          `use one of ${Object.keys(specs).join(', ') || '(none)'}`,
        ),
      );
      continue;
    }
    if (value === null || value === undefined) continue;
    const wrong = typeProblem(spec, value);
    if (wrong) problems.push(problemAt(origin, name, `${what}: "${name}" ${wrong}`, fixFor(spec)));
  }
}

function checkRequired(
  specs: PropertySpecs,
  properties: Properties,
  origin: Origin,
  what: string,
  problems: ImportProblem[],
): void {
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required && (properties[name] === undefined || properties[name] === null)) {
      problems.push(problemAt(origin, name, `${what} has no "${name}"`, `add ${name}: ${spec.description}`));
    }
  }
}

export const nodeRef = (label: string, key: string): string => `${label}/${key}`;

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Merges records describing the same node (a council named in reference data and in a plan); a property given
 * two different values is a problem, since one of the files must be wrong.
 */
function mergeNodes(nodes: readonly NodeRecord[], problems: ImportProblem[]): NodeRecord[] {
  const merged = new Map<string, NodeRecord>();
  for (const node of nodes) {
    const ref = nodeRef(node.label, node.key);
    const seen = merged.get(ref);
    if (!seen) {
      merged.set(ref, { ...node, properties: { ...node.properties } });
      continue;
    }
    for (const [name, value] of Object.entries(node.properties)) {
      const before = Object.hasOwn(seen.properties, name) ? seen.properties[name] : undefined;
      if (
        before !== undefined &&
        before !== null &&
        value !== undefined &&
        value !== null &&
        !sameValue(before, value)
      ) {
        const where = `${seen.origin.file}${seen.origin.row !== undefined ? ` row ${seen.origin.row}` : ''}`;
        problems.push(
          problemAt(
            node.origin,
            name,
            `${ref} has "${name}" ${JSON.stringify(value)} here but ${JSON.stringify(before)} in ${where}`,
            'give the same value in both places, or remove it from one',
          ),
        );
      } else if (value !== undefined && value !== null) {
        seen.properties[name] = value;
      }
    }
  }
  return [...merged.values()];
}

/** Relationships are identified by type and ends; a repeat with the same properties is dropped. */
function mergeRelationships(
  relationships: readonly RelationshipRecord[],
  problems: ImportProblem[],
): RelationshipRecord[] {
  const merged = new Map<string, RelationshipRecord>();
  for (const rel of relationships) {
    const id = `${nodeRef(rel.from.label, rel.from.key)}-${rel.type}->${nodeRef(rel.to.label, rel.to.key)}`;
    const seen = merged.get(id);
    if (!seen) merged.set(id, { ...rel, properties: { ...rel.properties } });
    else if (!sameValue(seen.properties, rel.properties) && Object.keys(rel.properties).length > 0) {
      if (Object.keys(seen.properties).length === 0) seen.properties = { ...rel.properties };
      else
        problems.push(
          problemAt(
            rel.origin,
            undefined,
            `${id} is given twice with different properties`,
            'keep one of the two links',
          ),
        );
    }
  }
  return [...merged.values()];
}

export interface ValidatedBatch extends GraphBatch {
  problems: ImportProblem[];
}

/**
 * Validates every record and merges duplicates. Returns all problems found (never only the first), so an admin
 * can fix a file in one pass. Whether links reach nodes already in the database is checked by the importer.
 */
export function validateBatch(batch: GraphBatch): ValidatedBatch {
  const problems: ImportProblem[] = [];
  for (const node of batch.nodes) {
    if (!LABELS.includes(node.label as Label)) {
      problems.push(
        problemAt(node.origin, 'label', `"${node.label}" is not a kind of record`, `use one of ${LABELS.join(', ')}`),
      );
      continue;
    }
    if (typeof node.key !== 'string' || !KEY.test(node.key)) {
      problems.push(
        problemAt(
          node.origin,
          'key',
          `${node.label} key ${JSON.stringify(node.key)} is not a valid key`,
          'use letters, digits and - . _ : only, up to 200 characters, such as "barnet-immunisation-2017-18"',
        ),
      );
      continue;
    }
    if (node.id !== undefined && !UUID.test(node.id)) {
      problems.push(
        problemAt(
          node.origin,
          'id',
          `${nodeRef(node.label, node.key)} has id ${JSON.stringify(node.id)}, which is not a UUID`,
          'give ids as UUIDs, such as 3f2c7a1e-84af-42d7-8fae-eaca714b02b2',
        ),
      );
    }
    checkProperties(NODE_MODEL[node.label], node.properties, node.origin, nodeRef(node.label, node.key), problems);
  }
  const nodes = mergeNodes(
    batch.nodes.filter((n) => LABELS.includes(n.label as Label)),
    problems,
  );
  for (const node of nodes)
    checkRequired(NODE_MODEL[node.label], node.properties, node.origin, nodeRef(node.label, node.key), problems);

  for (const rel of batch.relationships) {
    if (!RELS.includes(rel.type as Rel)) {
      problems.push(
        problemAt(rel.origin, 'rel', `"${rel.type}" is not a kind of link`, `use one of ${RELS.join(', ')}`),
      );
      continue;
    }
    const spec = RELATIONSHIP_MODEL[rel.type];
    const what = `${rel.type} link from ${nodeRef(rel.from.label, rel.from.key)} to ${nodeRef(rel.to.label, rel.to.key)}`;
    if (!spec.from.includes(rel.from.label)) {
      problems.push(
        problemAt(
          rel.origin,
          'from',
          `${what} cannot start at a ${rel.from.label}`,
          `${rel.type} links start at ${spec.from.join(' or ')}`,
        ),
      );
    }
    if (!spec.to.includes(rel.to.label)) {
      problems.push(
        problemAt(
          rel.origin,
          'to',
          `${what} cannot end at a ${rel.to.label}`,
          `${rel.type} links end at ${spec.to.join(' or ')}`,
        ),
      );
    }
    checkProperties(spec.properties, rel.properties, rel.origin, what, problems);
    checkRequired(spec.properties, rel.properties, rel.origin, what, problems);
  }
  const relationships = mergeRelationships(
    batch.relationships.filter((r) => RELS.includes(r.type as Rel)),
    problems,
  );
  return { nodes, relationships, problems };
}
