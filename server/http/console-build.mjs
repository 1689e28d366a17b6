// `npm run build:console`: copies GraphiQL and React's production builds into server/http/console/dist, so a built
// service serves its console without those packages installed. Plain JavaScript, so it runs without a loader.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'console', 'dist');
/** Each file the console page loads, from its package; React's exports map hides its UMD builds from require.resolve. */
const FILES = {
  'react.js': ['react', 'umd/react.production.min.js'],
  'react-dom.js': ['react-dom', 'umd/react-dom.production.min.js'],
  'graphiql.js': ['graphiql', 'graphiql.min.js'],
  'graphiql.css': ['graphiql', 'graphiql.min.css'],
};

mkdirSync(out, { recursive: true });
for (const [name, [pkg, file]] of Object.entries(FILES))
  copyFileSync(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file), path.join(out, name));
console.log(`The analysts' console: ${Object.keys(FILES).length} files in ${path.relative(process.cwd(), out)}`);
