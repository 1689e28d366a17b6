// Collects generated records into one batch for the importer, with what every family of records is generated with.
import type { Label, Rel } from '../../schema/graph.js';
import type { GraphBatch, NodeRef, NodeRecord, Origin, Properties, RelationshipRecord } from '../../schema/records.js';
import type { Dice } from './random.js';

/** Collects records; origins are shared per label or type, as a generated record has no line of a file to point at. */
export class RecordCollector implements GraphBatch {
  readonly nodes: NodeRecord[] = [];
  readonly relationships: RelationshipRecord[] = [];
  private readonly origins = new Map<string, Origin>();
  constructor(private readonly file: string) {}

  private origin(field: string): Origin {
    let origin = this.origins.get(field);
    if (!origin) {
      origin = { file: this.file, field };
      this.origins.set(field, origin);
    }
    return origin;
  }

  node(label: Label, key: string, properties: Properties): NodeRef {
    this.nodes.push({ label, key, properties: { ...properties, demo: true }, origin: this.origin(label) });
    return { label, key };
  }

  link(type: Rel, from: NodeRef, to: NodeRef, properties: Properties = {}): void {
    this.relationships.push({ type, from, to, properties, origin: this.origin(type) });
  }
}

/** What each family of records is generated with: one random source and one collector, in a fixed order. */
export interface Generation {
  dice: Dice;
  out: RecordCollector;
  /** A count of England's scaled to the scale being generated. */
  n: (englandCount: number) => number;
}
