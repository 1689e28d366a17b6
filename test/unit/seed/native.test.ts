import { describe, expect, it } from 'vitest';
import { ImportValidationError, formatProblem } from '../../../schema/records.js';
import { parseNative } from '../../../seed/readers/native.js';
import { validateBatch } from '../../../schema/validate.js';

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
Action:
  - key: test-action
    name: Share practice-level data
    status: PLANNED
    dueDate: 2017-09
`;

function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected an ImportValidationError');
}

describe('the native data file reader', () => {
  it('reads records with their line numbers, links in both directions and a DOCUMENTED_IN link for each', () => {
    const batch = parseNative('plan.yaml', PLAN);
    expect(batch.nodes.map((n) => [n.label, n.key, n.origin.row])).toEqual([
      ['SourceDocument', 'test-plan', 2],
      ['Programme', 'test-programme', 5],
      ['Action', 'test-action', 12],
    ]);
    const links = batch.relationships.map((r) => `${r.from.label}/${r.from.key} ${r.type} ${r.to.label}/${r.to.key}`);
    expect(links).toContain('Programme/test-programme PROGRAMME_COVERS Area/E09000003');
    expect(links).toContain('Organisation/E09000003 PARTNER_IN Programme/test-programme');
    expect(links).toContain('Action/test-action DOCUMENTED_IN SourceDocument/test-plan');
    expect(batch.relationships.find((r) => r.type === 'PARTNER_IN')?.properties).toEqual({ role: 'LEAD' });
    expect(validateBatch(batch).problems).toEqual([]);
  });

  it('marks every record of a demo file as demo data', () => {
    const batch = parseNative('demo.yaml', `demo: true\nTopic:\n  - key: example\n    name: Example\n`);
    expect(batch.nodes[0]?.properties.demo).toBe(true);
  });

  it('names the file, line and field of a record that does not fit the model, with the fix', () => {
    const bad = PLAN.replace('status: PLANNED', 'status: SOMEDAY').replace(
      'dueDate: 2017-09',
      'dueDate: next September',
    );
    const problems = validateBatch(parseNative('plan.yaml', bad)).problems;
    expect(problems.map((p) => [p.file, p.row, p.field])).toEqual([
      ['plan.yaml', 12, 'status'],
      ['plan.yaml', 12, 'dueDate'],
    ]);
    expect(formatProblem(problems[0]!)).toMatch(
      /^plan\.yaml, row 12, field "status": .*SOMEDAY.*Fix: use one of PROPOSED, PLANNED/,
    );
  });

  it('reports unknown labels, missing keys, bad links and broken YAML', () => {
    expect(problemsOf(() => parseNative('x.yaml', 'Widget:\n  - key: a\n')).map((p) => p.message)).toEqual([
      '"Widget" is not a kind of record',
    ]);
    expect(problemsOf(() => parseNative('x.yaml', 'Topic:\n  - name: No key\n'))[0]).toMatchObject({
      row: 2,
      field: 'key',
    });
    expect(
      problemsOf(() =>
        parseNative('x.yaml', 'Topic:\n  - key: a\n    name: A\n    links: [{ rel: ABOUT, to: nowhere }]\n'),
      )[0]?.message,
    ).toMatch(/does not name a record/);
    expect(problemsOf(() => parseNative('x.yaml', 'Topic:\n  - key: a\n   name: [unclosed\n'))[0]?.message).toMatch(
      /not valid YAML/,
    );
  });

  it('merges two records of one node, and reports them when they disagree', () => {
    const twice = 'Topic:\n  - key: a\n    name: Alcohol\n  - key: a\n    description: Drinking less\n';
    const merged = validateBatch(parseNative('x.yaml', twice));
    expect(merged.problems).toEqual([]);
    expect(merged.nodes).toHaveLength(1);
    expect(merged.nodes[0]?.properties).toEqual({ name: 'Alcohol', description: 'Drinking less' });
    const clash = validateBatch(
      parseNative('x.yaml', 'Topic:\n  - key: a\n    name: Alcohol\n  - key: a\n    name: Smoking\n'),
    );
    expect(clash.problems[0]).toMatchObject({ row: 4, field: 'name' });
  });

  it('rejects links between labels the model does not join', () => {
    const batch = parseNative(
      'x.yaml',
      'Topic:\n  - key: a\n    name: A\n    links: [{ rel: PARTNER_IN, to: Programme/p }]\n',
    );
    expect(validateBatch(batch).problems.map((p) => p.field)).toEqual(['from', 'role']);
  });
});
