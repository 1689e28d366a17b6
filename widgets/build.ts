// `npm run build`: the widgets' Vite build, then each entry's real cost to a page: the gzipped size of the entry and
// every chunk it imports statically (Lit included), with lazily loaded chunks (the graph view) counted apart.
// Fails when a widget is over its budget, so a heavy dependency cannot slip into the directory unnoticed.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

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
const dist = path.join(here, 'dist');

async function gzipped(file: string): Promise<number> {
  return gzipSync(await readFile(path.join(dist, file)), { level: 9 }).length;
}

/** The manifest keys a chunk needs: itself and its static imports, transitively. */
function closure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) closure(manifest, imported, seen);
  return seen;
}

export async function buildWidgets(): Promise<WidgetSize[]> {
  await build({ configFile: path.join(here, 'vite.config.ts') });
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

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sizes = await buildWidgets();
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
