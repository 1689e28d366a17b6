import { beforeEach, describe, expect, it } from 'vitest';
import { ImportValidationError } from '../../../schema/records.js';
import { importBatch } from '../../../server/database/import/importer.js';
import { parseNative } from '../../../seed/readers/native.js';
import { nodeId } from '../../../schema/ids.js';
import { toGraphNode } from '../../../server/database/nodes.js';
import { link } from '../../../server/database/write/edits.js';
import { useTestDatabase, wipe } from '../../support/database.js';

const AREAS = `Area:
  - key: E09000003
    name: Barnet
    level: BOROUGH
Organisation:
  - key: E09000003
    name: London Borough of Barnet
    kind: LOCAL_AUTHORITY
    gssCode: E09000003
`;

const PLAN = `document:
  key: test-plan
  title: A test plan
Programme:
  - key: test-programme
    ref: title
    name: Test programme
    links:
      - { rel: PROGRAMME_COVERS, to: Area/E09000003 }
      - { rel: PARTNER_IN, from: Organisation/E09000003, role: LEAD }
Role:
  - key: test-officer
    name: Test Officer
Action:
  - key: test-action
    ref: row 1
    name: Share practice-level data
    status: PLANNED
    position: 1
    dueDate: 2017-09
    links:
      - { rel: HAS_ACTION, from: Programme/test-programme }
      - { rel: LED_BY, to: Role/test-officer, part: LEAD }
`;

describe('the importer', () => {
  const db = useTestDatabase();
  beforeEach(async () => wipe(db()));

  async function snapshot() {
    const result = await db().run(
      `MATCH (n) WHERE NOT n:SchemaMigration
       OPTIONAL MATCH (n)-[r]->()
       RETURN count(DISTINCT n) AS nodes, count(r) AS relationships,
              collect(DISTINCT n {.*}) AS props`,
    );
    const record = result.records[0]!;
    return {
      nodes: record.get('nodes') as number,
      relationships: record.get('relationships') as number,
      props: JSON.stringify((record.get('props') as Record<string, unknown>[]).map((p) => JSON.stringify(p)).sort()),
    };
  }

  it('writes nodes with ids derived from their keys, and a second import changes nothing', async () => {
    await importBatch(db(), parseNative('areas.yaml', AREAS));
    const first = await importBatch(db(), parseNative('plan.yaml', PLAN));
    expect(first.nodes).toEqual({
      SourceDocument: { created: 1, updated: 0, unchanged: 0 },
      Programme: { created: 1, updated: 0, unchanged: 0 },
      Role: { created: 1, updated: 0, unchanged: 0 },
      Action: { created: 1, updated: 0, unchanged: 0 },
    });
    expect(first.relationships.LED_BY).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const before = await snapshot();

    const second = await importBatch(db(), parseNative('plan.yaml', PLAN));
    expect(Object.values(second.nodes).every((c) => c.created === 0 && c.updated === 0)).toBe(true);
    expect(Object.values(second.relationships).every((c) => c.created === 0 && c.updated === 0)).toBe(true);
    expect(await snapshot()).toEqual(before);

    const action = await db().run(
      'MATCH (a:Action {key: $key})-[:LED_BY {part: "LEAD"}]->(r:Role) RETURN a.id AS id, a.position AS position, r.name AS lead',
      { key: 'test-action' },
    );
    expect(action.records[0]?.toObject()).toEqual({
      id: nodeId('Action', 'test-action'),
      position: 1,
      lead: 'Test Officer',
    });
  });

  it('updates only what changed, and reports it', async () => {
    await importBatch(db(), parseNative('areas.yaml', AREAS));
    await importBatch(db(), parseNative('plan.yaml', PLAN));
    const report = await importBatch(
      db(),
      parseNative('plan.yaml', PLAN.replace('status: PLANNED', 'status: COMPLETED')),
    );
    expect(report.nodes.Action).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(report.nodes.Programme).toEqual({ created: 0, updated: 0, unchanged: 1 });
    const status = await db().run('MATCH (a:Action {key: "test-action"}) RETURN a.status AS status');
    expect(status.records[0]?.get('status')).toBe('COMPLETED');
    // The audit trail keeps what the import changed on the existing record, before and after.
    const audit = await db().run(
      'MATCH (c:Change {nodeId: $id, action: "IMPORT"}) RETURN c.before AS before, c.after AS after',
      { id: nodeId('Action', 'test-action') },
    );
    expect(audit.records.map((r) => [JSON.parse(r.get('before')), JSON.parse(r.get('after'))])).toEqual([
      [{ status: 'PLANNED' }, { status: 'COMPLETED' }],
    ]);
  });

  it("keeps a link's property an admin set by hand, reports it, and applies the file's only when preferred", async () => {
    await importBatch(db(), parseNative('areas.yaml', AREAS));
    await importBatch(db(), parseNative('plan.yaml', PLAN));
    const nodeOf = async (label: string, key: string) => {
      const id = nodeId(label as never, key);
      const found = await db().run('MATCH (n {id: $id}) RETURN labels(n) AS labels, properties(n) AS props', { id });
      return toGraphNode(found.records[0]!.get('labels'), found.records[0]!.get('props'));
    };
    const [barnet, programme] = [
      await nodeOf('Organisation', 'E09000003'),
      await nodeOf('Programme', 'test-programme'),
    ];
    await link(db(), 'PARTNER_IN', barnet, programme, { role: 'FUNDER' }, 'test admin');
    const partnership = async () =>
      (
        await db().run(
          'MATCH (:Organisation {key: "E09000003"})-[r:PARTNER_IN]->(:Programme) RETURN r.role AS role, r.__corrected AS corrected',
        )
      ).records[0]!.toObject();

    const kept = await importBatch(db(), parseNative('plan.yaml', PLAN));
    expect(kept.relationships.PARTNER_IN).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(kept.conflicts).toEqual([
      {
        origin: expect.objectContaining({ file: 'plan.yaml' }),
        record: 'Organisation/E09000003 PARTNER_IN Programme/test-programme',
        field: 'role',
        adminValue: 'FUNDER',
        fileValue: 'LEAD',
        applied: false,
      },
    ]);
    expect(await partnership()).toEqual({ role: 'FUNDER', corrected: ['role'] });

    const preferred = await importBatch(db(), parseNative('plan.yaml', PLAN), { preferFile: true });
    expect(preferred.relationships.PARTNER_IN).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await partnership()).toEqual({ role: 'LEAD', corrected: null });
  });

  it('in a dry run reports what would change and writes nothing', async () => {
    await importBatch(db(), parseNative('areas.yaml', AREAS));
    const before = await snapshot();
    const report = await importBatch(db(), parseNative('plan.yaml', PLAN), { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.nodes.Action).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(report.relationships.PARTNER_IN).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a link to a record that is nowhere, naming file and row, and writes nothing', async () => {
    const before = await snapshot();
    // The areas are not loaded, so the programme's links reach nothing.
    const error = await importBatch(db(), parseNative('plan.yaml', PLAN)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportValidationError);
    const problems = (error as ImportValidationError).problems;
    expect(problems.map((p) => [p.file, p.row])).toEqual([
      ['plan.yaml', 5],
      ['plan.yaml', 5],
    ]);
    expect(problems[0]?.message).toMatch(/Area\/E09000003, which is neither in this import nor in the database/);
    expect(await snapshot()).toEqual(before);
  });

  it('skips and reports an optional link whose other end is not loaded', async () => {
    const batch = parseNative('areas.yaml', AREAS);
    batch.relationships.push({
      type: 'ORGANISATION_PART_OF',
      from: { label: 'Organisation', key: 'E09000003' },
      to: { label: 'Organisation', key: 'ZZZ' },
      properties: {},
      origin: { file: 'areas.yaml', row: 6 },
      optional: true,
    });
    const report = await importBatch(db(), batch);
    expect(report.skippedLinks).toEqual([
      {
        link: 'Organisation/E09000003 ORGANISATION_PART_OF Organisation/ZZZ',
        missing: 'Organisation/ZZZ',
        origin: { file: 'areas.yaml', row: 6 },
      },
    ]);
    expect(report.nodes.Organisation).toEqual({ created: 1, updated: 0, unchanged: 0 });
  });

  it('rolls back everything when the database refuses a write halfway', async () => {
    await importBatch(db(), parseNative('areas.yaml', AREAS));
    const before = await snapshot();
    // Valid for the model, but two organisations may not share an ODS code: the constraint fails mid-transaction,
    // after the plan's other nodes were already written in it.
    const clash = `${PLAN}Organisation:
  - key: org-one
    name: One
    kind: OTHER
    odsCode: XYZ
  - key: org-two
    name: Two
    kind: OTHER
    odsCode: XYZ
`;
    await expect(importBatch(db(), parseNative('plan.yaml', clash))).rejects.toThrow(/already exists|constraint/i);
    expect(await snapshot()).toEqual(before);
  });
});
