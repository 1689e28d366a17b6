// The console builds its GraphQL documents from the model the service describes: every one must fit the schema the
// service builds, for every kind of record, or a record of that kind could not be opened in the console.
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  API_KEYS,
  CREATE_API_KEY,
  CREATE_RECORD,
  HISTORY,
  IMPORT_LOG,
  LINK_RECORDS,
  RECORD_KIND,
  RECORD_LINKS,
  RESTORE_RECORD,
  RETIRE_RECORD,
  REVOKE_API_KEY,
  recordDocument,
  searchDocument,
  UNLINK_RECORDS,
  UPDATE_RECORD,
  WHO_AM_I,
} from '../../../contract/queries/admin.js';
import { printSdl } from '../../../server/graphql/print-schema.js';
import { adminModel } from '../../../server/http/admin-console.js';

describe("the admin console's documents", () => {
  const model = adminModel();

  it('read every kind of record the schema serves, with every property and link the model gives it', async () => {
    const schema = buildSchema(await printSdl());
    const problems: string[] = [];
    for (const label of model.labels) {
      for (const error of validate(schema, parse(recordDocument(model, label))))
        problems.push(`${label.label}: ${error.message}`);
    }
    expect(problems).toEqual([]);
    expect(model.labels.map((l) => l.label)).toContain('Organisation');
  });

  it('search, create, change, link, every link, keys and logs fit the schema', async () => {
    const schema = buildSchema(await printSdl());
    const documents = [
      searchDocument(model),
      RECORD_KIND,
      HISTORY,
      UPDATE_RECORD,
      RETIRE_RECORD,
      RESTORE_RECORD,
      LINK_RECORDS,
      UNLINK_RECORDS,
      API_KEYS,
      CREATE_API_KEY,
      REVOKE_API_KEY,
      WHO_AM_I,
      IMPORT_LOG,
      RECORD_LINKS,
      CREATE_RECORD,
    ];
    const problems = documents.flatMap((document) =>
      validate(schema, parse(document)).map((e) => `${document.slice(0, 40)}: ${e.message}`),
    );
    expect(problems).toEqual([]);
  });

  it('offers every relationship the model declares between kinds the console can open', () => {
    const organisation = model.labels.find((l) => l.label === 'Organisation')!;
    expect(organisation.properties.find((p) => p.name === 'kind')).toMatchObject({ type: 'choice', required: true });
    expect(organisation.properties.map((p) => p.name)).not.toContain('version');
    expect(model.relationships.find((r) => r.type === 'BASED_IN')).toMatchObject({
      from: ['Organisation'],
      to: ['Area'],
    });
  });
});
