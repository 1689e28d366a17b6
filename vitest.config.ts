// Two projects: fast unit tests in parallel, and integration tests that share one real Neo4j and so run one file at a time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Node loads graphql's CommonJS build (it has no "exports" map), as do type-graphql and Apollo; without this,
  // Vite would hand our own modules the ESM build and graphql would see two copies of every class.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // Browser suites are here too: they need the same real Neo4j, and Chromium is happiest one file at a time.
          include: ['test/integration/**/*.test.ts', 'test/conformance/**/*.test.ts', 'test/browser/**/*.test.ts'],
          globalSetup: ['test/support/global-neo4j.ts', 'test/support/global-widgets.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
