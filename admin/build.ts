// `npm run build` builds the admin console too: one Vite build of admin/index.ts (Lit and the widgets' core in its
// chunks) into admin/dist, its stylesheet beside it, and the gzipped bytes a browser downloads before it works.
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Where the service finds the console (server/http/admin-console.ts reads the same folder). */
export const ADMIN_BUILD = path.join(here, 'dist');

export interface AdminSize {
  files: number;
  gzipBytes: number;
}

/** Builds the console into `dist` and reports its size: every script and the stylesheet, gzipped at level 9. */
export async function buildAdmin(dist = ADMIN_BUILD): Promise<AdminSize> {
  // Lit's development build is chosen whenever NODE_ENV says other than production (it does under vitest).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: false,
      root: here,
      publicDir: false,
      logLevel: 'warn',
      mode: 'production',
      build: {
        outDir: dist,
        emptyOutDir: true,
        target: 'es2022',
        manifest: true,
        minify: true,
        sourcemap: true,
        reportCompressedSize: false,
        lib: { entry: { admin: path.join(here, 'index.ts') }, formats: ['es'] },
        rolldownOptions: {
          output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
        },
      },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  await copyFile(path.join(here, 'admin.css'), path.join(dist, 'admin.css'));
  const manifest = JSON.parse(await readFile(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    { file: string }
  >;
  const files = [...Object.values(manifest).map((chunk) => chunk.file), 'admin.css'];
  let gzipBytes = 0;
  for (const file of files) gzipBytes += gzipSync(await readFile(path.join(dist, file)), { level: 9 }).length;
  const size = { files: files.length, gzipBytes };
  await writeFile(path.join(dist, 'sizes.json'), `${JSON.stringify(size, null, 2)}\n`);
  return size;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { files, gzipBytes } = await buildAdmin();
  console.log(`admin console      ${(gzipBytes / 1024).toFixed(1)} KB gzipped in ${files} files`);
}
