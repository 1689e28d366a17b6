// How an analyst orders a list: a natural field of the list and a direction, as one input per list.
import { Field, InputType, registerEnumType, type ClassType } from 'type-graphql';

export const OrderDirection = { ASC: 'ASC', DESC: 'DESC' } as const;
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Ascending (A to Z, earliest, least) or descending (Z to A, latest, most).',
});

/** Every natural field a list may be ordered by, with what it means; each list offers those that fit it. */
export const ORDER_FIELDS = {
  NAME: 'By name, ignoring case.',
  DEGREE: 'By how connected the record is: its relationships of every kind.',
  LAST_MODIFIED: 'By when it was last changed, by an import or an admin.',
  DUE_DATE: 'By due date; actions without one come after every date.',
  DATE: 'By date; records without one come after every date.',
  START_DATE: 'By start date; records without one come after every date.',
  POSITION: 'As its document lists them.',
} as const;
export type OrderField = keyof typeof ORDER_FIELDS;

/** An order as a resolver receives it. */
export interface OrderInput {
  field: OrderField;
  direction: keyof typeof OrderDirection;
}

/**
 * The enum of the fields one list may be ordered by and the input naming one with a direction: `Ordering('Service',
 * ['NAME', 'DEGREE'])` gives ServiceOrderField and ServiceOrder, so the schema itself says which orders fit.
 */
export function Ordering(name: string, fields: readonly OrderField[], fallback: OrderField = fields[0]!) {
  const values = Object.fromEntries(fields.map((f) => [f, f]));
  registerEnumType(values, {
    name: `${name}OrderField`,
    description: `What ${name} lists may be ordered by.`,
    valuesConfig: Object.fromEntries(fields.map((f) => [f, { description: ORDER_FIELDS[f] }])),
  });

  @InputType(`${name}Order`, { description: `An order for a list of ${name} items: a field and a direction.` })
  class Order implements OrderInput {
    @Field(() => values, { defaultValue: fallback, description: `The field to order by (${fallback} if not given).` })
    field!: OrderField;

    @Field(() => OrderDirection, { defaultValue: 'ASC', description: 'The direction (ASC if not given).' })
    direction!: keyof typeof OrderDirection;
  }
  return Order as ClassType<OrderInput>;
}
