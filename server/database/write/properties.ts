// Property values typed for Neo4j by the model: the one place a write decides how a value is stored.
import neo4j from 'neo4j-driver';
import type { PropertySpecs } from '../../../schema/model.js';

type Integer = ReturnType<typeof neo4j.int>;

/** Small Neo4j integers, made once: a large load sends a position in a list with every link. */
const INTEGERS: Integer[] = [];

/** A Neo4j integer for a small count or position, shared rather than made again for every row. */
export const integer = (n: number): Integer => (INTEGERS[n] ??= neo4j.int(n));

/** Integers are sent as Neo4j integers (JavaScript numbers would be stored as floats); the rest as they are. */
export function toNeo4j(specs: PropertySpecs, properties: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(properties)) {
    const type = specs[name]?.type;
    if (type === 'integer' && typeof value === 'number') out[name] = neo4j.int(value);
    else if (type === 'integers' && Array.isArray(value)) out[name] = value.map((n) => neo4j.int(n as number));
    else out[name] = value;
  }
  return out;
}
