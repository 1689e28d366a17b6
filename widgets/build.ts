// `npm run build`: the widgets' Vite build, then each entry's real cost to a page: the gzipped size of the entry and
// every chunk it imports statically (Lit included), with lazily loaded chunks (the graph view) counted apart.
// Fails when a widget is over its budget, so a heavy dependency cannot slip into the directory unnoticed.
// `npm run release:widgets` also keeps the build as widgets/releases/<version>/, never overwriting a release.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { type CustomElementsManifest, elementsOf, markdownTable } from '../contract/custom-elements.js';
import { WIDGETS_VERSION } from '../contract/widgets-version.js';

interface ManifestChunk {
  file: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface WidgetSize {
  entry: string;
  files: number;
  gzipBytes: number;
  lazyGzipBytes: number;
  budgetBytes?: number;
}

/** Gzipped bytes a page downloads before the widget works. The directory's is the issue's: 25 KB with Lit. */
const BUDGETS: Record<string, number> = { 'ph-directory.js': 25 * 1024 };

const here = path.dirname(fileURLToPath(import.meta.url));
/** Where `npm run build` writes the working build, served under its version until that version is released. */
export const DIST = path.join(here, 'dist');

/** The manifest keys a chunk needs: itself and its static imports, transitively. */
function closure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) closure(manifest, imported, seen);
  return seen;
}

/** Builds the widgets into `dist` (a release builds into a folder of its own) and reports each entry's size. */
export async function buildWidgets(dist = DIST): Promise<WidgetSize[]> {
  // Vite picks Lit's development build (bigger, with console warnings) whenever NODE_ENV says other than production,
  // as it does under vitest: pages always get the production build, whoever runs this.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(here, 'vite.config.ts'), mode: 'production', build: { outDir: dist } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  await describeElements(dist);
  const gzipped = async (file: string) => gzipSync(await readFile(path.join(dist, file)), { level: 9 }).length;
  const manifest = JSON.parse(await readFile(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const sizes: WidgetSize[] = [];
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isEntry) continue;
    const eager = closure(manifest, key);
    const lazy = new Set<string>();
    for (const k of eager)
      for (const d of manifest[k]?.dynamicImports ?? [])
        for (const l of closure(manifest, d)) if (!eager.has(l)) lazy.add(l);
    const sum = async (keys: Set<string>) =>
      (await Promise.all([...keys].map((k) => gzipped(manifest[k]!.file)))).reduce((a, b) => a + b, 0);
    sizes.push({
      entry: chunk.file,
      files: eager.size,
      gzipBytes: await sum(eager),
      lazyGzipBytes: await sum(lazy),
      budgetBytes: BUDGETS[chunk.file],
    });
  }
  sizes.sort((a, b) => a.entry.localeCompare(b.entry));
  await writeFile(path.join(dist, 'sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
  return sizes;
}

const root = path.join(here, '..');
/** The manifest's place, committed so the README, /demo and /embed have it without a build. */
export const MANIFEST = path.join(here, 'custom-elements.json');
const README = path.join(root, 'README.md');
const TABLE_START = '<!-- elements:start (generated from widgets/custom-elements.json by npm run build) -->';
const TABLE_END = '<!-- elements:end -->';

/**
 * Writes custom-elements.json from the widgets' JSDoc with the standard analyzer, ships a copy with the build (so
 * each release carries the description of its own API) and brings the README's element table up to date.
 */
async function describeElements(dist: string): Promise<void> {
  const analyzer = path.join(root, 'node_modules', '@custom-elements-manifest', 'analyzer', 'cem.js');
  const config = path.join(here, 'custom-elements-manifest.config.mjs');
  await promisify(execFile)(process.execPath, [analyzer, 'analyze', '--config', config], { cwd: root });
  await copyFile(MANIFEST, path.join(dist, 'custom-elements.json'));
  const manifest = JSON.parse(await readFile(MANIFEST, 'utf8')) as CustomElementsManifest;
  const readme = await readFile(README, 'utf8');
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) return;
  const updated = `${readme.slice(0, start + TABLE_START.length)}\n${markdownTable(elementsOf(manifest))}\n${readme.slice(end)}`;
  // Only when it changed: the README is shared, and an unchanged file should not be touched.
  if (updated !== readme) await writeFile(README, updated);
}

/** Released builds, committed: what pages pinned to an exact version keep loading after every upgrade. */
export const RELEASES = path.join(here, 'releases');

/**
 * Builds this version and keeps it as widgets/releases/<version>/: the scripts without their source maps (a release
 * is committed, and maps would triple its size) and the size report. Refused when the version is released already,
 * since an exact version's files must never change, and when CHANGELOG.md does not say what the version changed.
 */
export async function releaseWidgets(version = WIDGETS_VERSION, releases = RELEASES): Promise<string> {
  const target = path.join(releases, version);
  if (existsSync(target))
    throw new Error(
      `Version ${version} is released already, and a released version's files never change. Bump WIDGETS_VERSION in contract/widgets-version.ts (CHANGELOG.md says how) and release again.`,
    );
  const changelog = await readFile(path.join(here, '..', 'CHANGELOG.md'), 'utf8').catch(() => '');
  if (!changelog.includes(`## [${version}]`))
    throw new Error(`CHANGELOG.md has no "## [${version}]" section: say what ${version} changes, then release again.`);
  const scratch = await mkdtemp(path.join(tmpdir(), 'widgets-release-'));
  try {
    await buildWidgets(scratch);
    await copyRelease(scratch, target);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return target;
}

/** Copies a build's scripts (source-map comments removed, as the maps stay behind) and its size report. */
async function copyRelease(from: string, to: string): Promise<void> {
  for (const folder of ['', 'chunks']) {
    await mkdir(path.join(to, folder), { recursive: true });
    for (const name of await readdir(path.join(from, folder))) {
      const source = path.join(from, folder, name);
      if (name.endsWith('.js')) {
        const code = await readFile(source, 'utf8');
        await writeFile(path.join(to, folder, name), code.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n'));
      } else if (name === 'sizes.json' || name === 'custom-elements.json') await copyFile(source, path.join(to, name));
    }
  }
}

/** Whether `version` is released and this build's scripts differ from the release's (chunk names follow their content). */
async function differsFromRelease(version: string, dist = DIST, releases = RELEASES): Promise<boolean> {
  const released = path.join(releases, version);
  if (!existsSync(released)) return false;
  const names = async (folder: string) =>
    (await readdir(path.join(folder, 'chunks'))).filter((n) => n.endsWith('.js')).sort();
  return (await names(dist)).join() !== (await names(released)).join();
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--release')) {
    try {
      console.log(`released ${WIDGETS_VERSION} in ${path.relative(process.cwd(), await releaseWidgets())}`);
    } catch (error) {
      console.error((error as Error).message);
      process.exit(1);
    }
  }
  const sizes = await buildWidgets();
  if (await differsFromRelease(WIDGETS_VERSION))
    console.warn(
      `The widgets changed since ${WIDGETS_VERSION} was released, and /widgets/${WIDGETS_VERSION}/ keeps serving the release: bump WIDGETS_VERSION in contract/widgets-version.ts (CHANGELOG.md says how) to serve this build.`,
    );
  console.log('widget            gzipped (with Lit)   loaded on demand   budget');
  for (const s of sizes) {
    console.log(
      `${s.entry.padEnd(18)}${kb(s.gzipBytes).padStart(19)}${(s.lazyGzipBytes ? kb(s.lazyGzipBytes) : '–').padStart(19)}   ${s.budgetBytes ? kb(s.budgetBytes) : '–'}`,
    );
  }
  const over = sizes.filter((s) => s.budgetBytes !== undefined && s.gzipBytes > s.budgetBytes);
  for (const s of over)
    console.error(
      `${s.entry} is ${kb(s.gzipBytes)} gzipped, over its budget of ${kb(s.budgetBytes!)}: find what grew with the build's manifest.`,
    );
  process.exitCode = over.length > 0 ? 1 : 0;
}
