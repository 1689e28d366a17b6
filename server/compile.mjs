// Compiles the server to JavaScript in dist/ and says whether that build is current; plain JavaScript, so it runs without a loader.
//   node server/compile.mjs           compile (tsc -p tsconfig.build.json), then link the files the server reads at run time
//   node server/compile.mjs --check   exit 0 when dist/ is newer than every source, 1 (saying why) when it must be built
//   node server/compile.mjs --stamp   record that the whole build (server, widgets, consoles) has just finished
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.build-stamp');
const ENTRY = path.join(DIST, 'server', 'main.js');

/** Folders whose TypeScript is compiled: their other files (JSON, CSS, YAML, the launcher) are linked beside the output. */
const COMPILED = ['schema', 'contract', 'server', 'seed'];
/** Read by the server at run time from paths relative to its own modules, so linked whole into dist/. */
const LINKED = ['package.json', 'widgets', 'admin'];
/** What a build is made from: a change to any file here makes dist/ stale. */
const SOURCES = [
  ...COMPILED,
  'widgets',
  'admin',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
];
/** Outputs, dependencies and data inside those folders, which never make a build stale. */
const SKIPPED = new Set(['node_modules', 'dist', 'target', 'releases', '.data', 'test-results']);

/** The newest modification time under `entry`, with the file it belongs to. */
function newest(entry, found = { mtimeMs: 0, file: '' }) {
  if (!existsSync(entry)) return found;
  const stats = statSync(entry);
  if (!stats.isDirectory()) {
    if (stats.mtimeMs > found.mtimeMs) return { mtimeMs: stats.mtimeMs, file: entry };
    return found;
  }
  let result = found;
  for (const child of readdirSync(entry)) if (!SKIPPED.has(child)) result = newest(path.join(entry, child), result);
  return result;
}

/** Why dist/ must be built, or undefined when it is current. */
export function staleness() {
  if (!existsSync(ENTRY) || !existsSync(STAMP)) return 'there is no build yet';
  const built = statSync(STAMP).mtimeMs;
  const changed = SOURCES.reduce((found, source) => newest(path.join(ROOT, source), found), { mtimeMs: 0, file: '' });
  return changed.mtimeMs > built ? `${path.relative(ROOT, changed.file)} changed since the last build` : undefined;
}

/** Whether a folder holds TypeScript anywhere inside it (then it is mirrored file by file, not linked whole). */
function holdsTypeScript(dir) {
  return readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory()
      ? !SKIPPED.has(entry.name) && holdsTypeScript(path.join(dir, entry.name))
      : entry.name.endsWith('.ts'),
  );
}

/** Links `from` at `to` (relative, so the checkout can move), unless the compiler already wrote something there. */
function link(from, to) {
  if (!existsSync(from)) return;
  try {
    lstatSync(to);
    return;
  } catch {
    mkdirSync(path.dirname(to), { recursive: true });
    symlinkSync(path.relative(path.dirname(to), from), to);
  }
}

/** Every file of a compiled folder that is not TypeScript, at the same place under dist/. */
function mirrorAssets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const source = path.join(dir, entry.name);
    const target = path.join(DIST, path.relative(ROOT, source));
    if (entry.isDirectory()) {
      if (SKIPPED.has(entry.name)) continue;
      if (holdsTypeScript(source)) mirrorAssets(source);
      else link(source, target);
    } else if (!entry.name.endsWith('.ts')) link(source, target);
  }
}

function compile() {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) {
    console.error(
      'The server is not built and TypeScript is not installed (a production install leaves out development ' +
        'packages): run `npm ci && npm run build` where development packages are installed, then deploy with dist/.',
    );
    process.exit(1);
  }
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The server did not compile: fix the errors above (npm run typecheck shows them too).');
    process.exit(1);
  }
  for (const folder of COMPILED) mirrorAssets(path.join(ROOT, folder));
  for (const name of LINKED) link(path.join(ROOT, name), path.join(DIST, name));
}

const mode = process.argv[2];
if (mode === '--check') {
  const why = staleness();
  if (why) {
    console.error(`Building first: ${why}.`);
    process.exit(1);
  }
} else if (mode === '--stamp') {
  mkdirSync(DIST, { recursive: true });
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
} else {
  compile();
}
