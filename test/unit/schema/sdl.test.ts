import { readFile } from 'node:fs/promises';
import { buildSchema, isInterfaceType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printSdl, SDL_FILE } from '../../../server/graphql/print-schema.js';

describe('schema/schema.graphql', () => {
  it('is what the code builds (run `npm run schema` after changing a type)', async () => {
    expect(await readFile(SDL_FILE, 'utf8')).toBe(await printSdl());
  });

  it('describes every type, field and argument', async () => {
    const schema = buildSchema(await printSdl());
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
