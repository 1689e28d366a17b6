// Relay-style connections: pages of a list with opaque cursors, whether there is more either way, and the total.
import type { ClassType } from 'type-graphql';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where a page stands in its list.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when there are more items after this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description: 'True when there are items before this page: pass startCursor as `before` with `last` to read them.',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The cursor of the first item: pass it as `before` (with `last`) for the page before.',
  })
  startCursor?: string | null;

  @Field(() => String, { nullable: true, description: 'The cursor to pass as `after` for the next page.' })
  endCursor?: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Each connection type once, however many resolvers name it: GraphQL allows one type per name. */
const made = new Map<string, ClassType>();

/** Makes the Edge and Connection types for one node type: `Connection(Service)` gives ServiceConnection. */
export function Connection<T extends object>(nodeType: ClassType<T>, name = nodeType.name): ClassType {
  const existing = made.get(name);
  if (existing) return existing;
  @ObjectType(`${name}Edge`, { description: `One ${name} in a list, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Opaque position of this item, for paging.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionType {
    @Field(() => [Edge], { description: 'The items of this page, in order.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Where this page stands.' })
    pageInfo!: PageInfo;

    @Field(() => Int, {
      description: 'How many items the whole list has, with its filters; counted only when asked for.',
    })
    totalCount!: number;
  }
  made.set(name, ConnectionType);
  return ConnectionType;
}
