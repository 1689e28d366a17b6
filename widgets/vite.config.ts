// Vite library build of the widgets: one ES module per widget plus one with all of them, sharing Lit through
// common chunks. Entry names carry no hash (snippets name them) and are served under a versioned path; chunks do.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export const WIDGET_ENTRIES = {
  'ph-widgets': here('./index.ts'),
  'ph-directory': here('./directory/index.ts'),
  'ph-programme': here('./programme/index.ts'),
  'ph-comms-plan': here('./comms-plan/index.ts'),
  'ph-network': here('./network/index.ts'),
} as const;

export default defineConfig({
  root: here('.'),
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    manifest: true,
    minify: true,
    sourcemap: true,
    reportCompressedSize: false,
    lib: { entry: WIDGET_ENTRIES, formats: ['es'] },
    rolldownOptions: {
      // Browsers, not bundlers, load these files: minify fully (library mode would keep whitespace for ES output).
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
    },
  },
});
