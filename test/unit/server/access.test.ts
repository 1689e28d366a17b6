// The access table is put on exactly the fields it names; a rule that names nothing must stop the service, not pass.
import { buildSchema, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { applyFieldRules } from '../../../server/graphql/access.js';
import type { Context } from '../../../server/graphql/context.js';

const SDL = 'type Query { open: String, secret: String } type Mutation { change: String, other: String }';
const ROOT = { open: 'o', secret: 's', change: 'c', other: 'x' };
const as = (role: Context['role']) => ({ role }) as Context;

describe('applyFieldRules', () => {
  it('checks the fields a rule names, a whole type for Type.*, and leaves the rest alone', async () => {
    const schema = buildSchema(SDL);
    applyFieldRules(schema, { 'Query.secret': 'analyst', 'Mutation.*': 'admin' });
    expect(schema.getQueryType()!.getFields().open!.resolve).toBeUndefined();
    const publicRead = await graphql({
      schema,
      source: '{ open secret }',
      rootValue: ROOT,
      contextValue: as('public'),
    });
    expect(publicRead.data).toEqual({ open: 'o', secret: null });
    expect(publicRead.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(
      (await graphql({ schema, source: '{ secret }', rootValue: ROOT, contextValue: as('analyst') })).data,
    ).toEqual({ secret: 's' });
    const analystWrite = await graphql({
      schema,
      source: 'mutation { other }',
      rootValue: ROOT,
      contextValue: as('analyst'),
    });
    expect(analystWrite.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(
      (await graphql({ schema, source: 'mutation { change other }', rootValue: ROOT, contextValue: as('admin') })).data,
    ).toEqual({ change: 'c', other: 'x' });
  });

  it('refuses a rule for a type or field the schema does not have', () => {
    expect(() => applyFieldRules(buildSchema(SDL), { 'Query.secrets': 'admin' })).toThrow(/Query has no field secrets/);
    expect(() => applyFieldRules(buildSchema(SDL), { 'Person.email': 'analyst' })).toThrow(/no object type Person/);
  });
});
