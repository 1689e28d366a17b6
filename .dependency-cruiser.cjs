// The layer rules (`npm run deps`): imports point one way, from the HTTP service and the CLIs down to the core.
/** Every folder of ours, and our top-level files: what the layer rules are about (packages and Node's own are not). */
const OURS = '^(admin|bench|contract|schema|seed|server|test|widgets)/|^[^/]+\\.[cm]?[jt]s$';
/** The command-line tools on top of seed/, which may use the service and the database like any other client. */
const SEED_CLIS = '^seed/(cli|keys-cli|backup-cli|harvest-cli|run-command|generate/cli)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'No two modules import each other, however far round: type-only imports count too, since they tie the modules together just the same.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      comment:
        'An import the rules cannot follow is an import they cannot check: every one of ours must resolve (a .js specifier to its .ts file).',
      severity: 'error',
      from: { path: OURS },
      to: { couldNotResolve: true },
    },
    {
      name: 'core-imports-only-core',
      comment:
        'The core (schema/: model, ids, records, validation, errors, roles) imports nothing of ours outside schema/, so everything else can build on it.',
      severity: 'error',
      from: { path: '^schema/' },
      to: { path: OURS, pathNot: '^schema/' },
    },
    {
      name: 'contract-imports-only-contract-and-pure-core',
      comment:
        'contract/ is loaded by browsers: it imports only contract/ and the pure core modules schema/errors.ts and schema/graph.ts.',
      severity: 'error',
      from: { path: '^contract/' },
      to: { path: OURS, pathNot: '^contract/|^schema/(errors|graph)\\.ts$' },
    },
    {
      name: 'widgets-import-only-widgets-and-contract',
      comment:
        "Widgets run in partners' pages: they import only widgets/ and the browser-safe contract/, never the server or the core directly.",
      severity: 'error',
      from: { path: '^widgets/' },
      to: { path: OURS, pathNot: '^(widgets|contract)/' },
    },
    {
      name: 'admin-imports-only-admin-widget-core-and-contract',
      comment:
        "The admin console runs in admins' browsers on the same Lit core as the widgets: it imports only admin/, the widgets' core and the browser-safe contract/, never the server or the model (it reads the model from /admin/model.json).",
      severity: 'error',
      from: { path: '^admin/' },
      to: { path: OURS, pathNot: '^(admin|contract|widgets/core)/' },
    },
    {
      name: 'database-imports-only-core-and-database',
      comment:
        'The database layer (server/database/) sits on the core alone: no HTTP service, config, logger, CLI or seed file above it.',
      severity: 'error',
      from: { path: '^server/database/' },
      to: { path: OURS, pathNot: '^(schema|server/database)/' },
    },
    {
      name: 'seed-not-to-server',
      comment:
        'Readers, seed data and sources under seed/ are used by the service, so they never import it; only the CLIs on top may.',
      severity: 'error',
      from: { path: '^seed/', pathNot: SEED_CLIS },
      to: { path: '^server/' },
    },
    {
      name: 'server-not-to-widgets-clis-tests-or-bench',
      comment:
        'The service shares strings and queries with widgets through contract/, and never reaches up into the CLIs, the tests or the benchmarks.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: ['^widgets/', '^admin/', SEED_CLIS, '^test/', '^bench/'] },
    },
    {
      name: 'only-tests-import-tests',
      comment: 'test/ holds the tests and their support; nothing that ships may depend on it.',
      severity: 'error',
      from: { path: OURS, pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'only-benchmarks-import-benchmarks',
      comment: 'bench/ measures the service from outside; nothing else depends on it.',
      severity: 'error',
      from: { path: OURS, pathNot: '^bench/' },
      to: { path: '^bench/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: {
      path: '^(node_modules|dist|widgets/dist|admin/dist|widgets/releases|server/database/launcher/target|bench/results|test-results|\\.data)/',
    },
    // Type-only imports are dependencies too (no-circular counts them), so cruise the TypeScript before it is compiled.
    tsPreCompilationDeps: true,
    // NodeNext: our imports name the compiled `.js`, which resolves to the `.ts` beside it.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
