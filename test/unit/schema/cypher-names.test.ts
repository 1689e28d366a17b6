// Guards the rule that Cypher takes every label and relationship type from schema/, never spelling one by hand.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LABELS, RELS } from '../../../schema/graph.js';
import { API_KEY_LABEL, CHANGE_LABEL, MIGRATION_LABEL } from '../../../schema/migrations.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The project's source. test/ is left out on purpose: a test is an independent witness of what the database holds,
 * so it may spell `(:Topic {id: …})` itself; if a name in schema/ changed by mistake, such a test notices instead of
 * following along.
 */
const SOURCE_FOLDERS = ['server', 'seed', 'schema', 'contract', 'bench', 'widgets'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'target', 'dist', 'results']);

/** Each name Cypher may use, with the expression to interpolate instead. */
const FIX = new Map<string, string>([
  ...LABELS.map((label) => [label, `Label.${label}`] as const),
  ...RELS.map((rel) => [rel, `Rel.${rel}`] as const),
  [CHANGE_LABEL, 'CHANGE_LABEL'],
  [API_KEY_LABEL, 'API_KEY_LABEL'],
  [MIGRATION_LABEL, 'MIGRATION_LABEL'],
]);

const NAMES = [...FIX.keys()].sort((a, b) => b.length - a.length).join('|');
/**
 * Cypher's shapes for a name: after a colon with nothing between (`(n:Area`, `[:AT*1..3]`, `WHERE n:Service`), in a
 * label or type expression (`:A|B`, `:A&B`, `:!A`), or leading one (`'PARTNER_IN|…'`, a fragment interpolated later).
 * GraphQL never writes these: its fragments say `... on Organisation` and its variables `$id: ID!`, with a space.
 */
const CYPHER_NAME = new RegExp(`(?:[:|&!]\`?(${NAMES})\`?(?![\\w\`])|(?<![\\w$.])(${NAMES})(?=[|&]))`, 'g');
/** A name quoted inside Cypher, as in `type(r) = 'PARTNER_IN'`, only counts in text that reads as Cypher. */
const QUOTED_NAME = new RegExp(`['"](${NAMES})['"]`, 'g');
const LOOKS_LIKE_CYPHER = /\b(MATCH|MERGE|CREATE|RETURN|UNWIND|WHERE|CALL|DELETE)\b/;
/** A cheap look at a file's raw text first: only the few files where a name stands in one of those shapes are parsed. */
const MAY_SPELL_A_NAME = new RegExp(`[:|&!'"\`](?:${NAMES})(?!\\w)|(?:${NAMES})[|&]`);

interface HandSpeltName {
  file: string;
  line: number;
  name: string;
  fix: string;
}

/** The hand-spelt names in one file's string and template literals; `${…}` interpolations are not literal text. */
function handSpeltNames(file: string, source: string): HandSpeltName[] {
  if (!MAY_SPELL_A_NAME.test(source)) return [];
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: HandSpeltName[] = [];
  const report = (piece: ts.Node, text: string, index: number, name: string) => {
    const line = sourceFile.getLineAndCharacterOfPosition(piece.getStart(sourceFile)).line + 1;
    found.push({ file, line: line + (text.slice(0, index).match(/\n/g)?.length ?? 0), name, fix: FIX.get(name)! });
  };
  const visit = (node: ts.Node): void => {
    let pieces: { node: ts.Node; text: string }[] | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) pieces = [{ node, text: node.text }];
    else if (ts.isTemplateExpression(node)) {
      pieces = [
        { node: node.head, text: node.head.text },
        ...node.templateSpans.map((s) => ({ node: s.literal, text: s.literal.text })),
      ];
    }
    if (!pieces) {
      ts.forEachChild(node, visit);
      return;
    }
    const cypher = LOOKS_LIKE_CYPHER.test(pieces.map((p) => p.text).join(' '));
    for (const piece of pieces) {
      for (const m of piece.text.matchAll(CYPHER_NAME)) report(piece.node, piece.text, m.index, (m[1] ?? m[2])!);
      if (cypher) for (const m of piece.text.matchAll(QUOTED_NAME)) report(piece.node, piece.text, m.index, m[1]!);
    }
    // Interpolated expressions may hold literals of their own (a ternary choosing between two statements).
    if (ts.isTemplateExpression(node)) for (const span of node.templateSpans) visit(span.expression);
  };
  visit(sourceFile);
  return found;
}

function sourceFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory())
      return SKIPPED_FOLDERS.has(entry.name) || entry.name.startsWith('.') ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('Cypher names', () => {
  it('come from schema/ everywhere in the source: no label or relationship type is spelt by hand', () => {
    const files = SOURCE_FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)));
    expect(files.length).toBeGreaterThan(50);
    const problems = files.flatMap((file) => handSpeltNames(relative(ROOT, file), readFileSync(file, 'utf8')));
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.name} is spelt by hand; write \${${p.fix}}`)).toEqual([]);
  }, 30_000);

  it('are found in the shapes Cypher writes them, and not in GraphQL documents', () => {
    const source = [
      "const a = 'MATCH (n:Organisation {id: $id}) RETURN n';",
      'const b = `MATCH (s)-[:#{Rel.ABOUT}]->(t:Topic)`;',
      "const c = 'EXISTS { (n)-[:AREA_PART_OF*1..3]->(:`Area`) }';",
      "const d = 'PARTNER_IN|PROGRAMME_PART_OF';",
      "const e = 'MATCH (n) WHERE n:Service RETURN n';",
      "const f = `MATCH ()-[r]->() WHERE type(r) = 'HOLDS' RETURN r`;",
      'const g = `MATCH (k:ApiKey) RETURN k`;',
      'const h = `query Q($id: ID!) { node(id: $id) { ... on Organisation { name } ... on Service { name } } }`;',
      'const i = `MATCH (n:#{Label.Organisation})-[:#{Rel.PARTNER_IN}|#{Rel.PROGRAMME_PART_OF}]->(p) RETURN n`;',
      "const j = 'An Organisation is a Service | Area: a sentence, not Cypher';",
    ]
      .join('\n')
      // Written #{…} above: the linter reads ${ in a plain string as a template literal someone forgot.
      .replaceAll('#{', '${');
    const found = handSpeltNames('example.ts', source).map((p) => `${p.line} ${p.name} ${p.fix}`);
    expect(found).toEqual([
      '1 Organisation Label.Organisation',
      '2 Topic Label.Topic',
      '3 AREA_PART_OF Rel.AREA_PART_OF',
      '3 Area Label.Area',
      '4 PARTNER_IN Rel.PARTNER_IN',
      '4 PROGRAMME_PART_OF Rel.PROGRAMME_PART_OF',
      '5 Service Label.Service',
      '6 HOLDS Rel.HOLDS',
      '7 ApiKey API_KEY_LABEL',
    ]);
  });
});
