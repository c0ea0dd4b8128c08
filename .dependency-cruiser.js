/**
 * The dependency direction of ARCHITECTURE.md, enforced: services import libs and never each
 * other; libs never import services; the pure libs (domain, contracts, ledger-core) import
 * nothing of ours except contracts. Libs are used by their @custos/<lib> entry; nothing of the
 * code depends on deploy/; inside a service, domain ← commands/queries ← controllers.
 */
const TESTS = '\\.(spec|int-spec|e2e-spec)\\.ts$';
const LIB_ENTRY = '^libs/[^/]+/src/index\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-service-to-service',
      comment: 'A service talks to another only through events and HTTP, never by import.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/([^/]+)/', pathNot: '^services/$1/' },
    },
    {
      name: 'no-lib-to-service',
      comment: 'Libraries are shared by services; they never depend on one.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^services/' },
    },
    {
      name: 'pure-libs-stay-pure',
      comment: 'domain, contracts and ledger-core depend on nothing of ours but contracts.',
      severity: 'error',
      from: { path: '^libs/(domain|contracts|ledger-core)/' },
      to: { path: '^libs/', pathNot: ['^libs/(domain|contracts|ledger-core)/', '^libs/contracts/'] },
    },
    {
      name: 'contracts-import-nothing-of-ours',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: '^libs/(?!contracts/)' },
    },
    {
      name: 'domain-is-not-ledger-core',
      comment: 'The regulation rules and the Merkle log are separate concerns.',
      severity: 'error',
      from: { path: '^libs/(domain|ledger-core)/' },
      to: { path: '^libs/(domain|ledger-core)/', pathNot: '^libs/$1/' },
    },
    {
      name: 'no-deploy-from-services-or-libs',
      comment:
        "deploy/ packages and runs the code; the code never depends on it. Exempt: tests and their support (the console's e2e suites start the embedded stack; storage's process helper compiles as deploy/build does) and the console's generate-api script, which reads the documents the embedded stack serves.",
      severity: 'error',
      from: {
        path: '^(services|libs)/',
        pathNot: [TESTS, '\\.test-support\\.ts$', '^services/[^/]+/e2e/', '^services/console/scripts/', '^(services|libs)/[^/]+/src/testing/'],
      },
      to: { path: '^deploy/' },
    },
    {
      name: 'libs-by-their-entry-only',
      comment:
        "A lib is imported as @custos/<lib> (its src/index.ts), never by a path into its src/. Exempt: the console's browser app (web/), whose bundle must not pull a lib's Node-only index.",
      severity: 'error',
      from: { path: '^services/', pathNot: '^services/console/web/' },
      to: { path: '^libs/[^/]+/src/', pathNot: LIB_ENTRY },
    },
    {
      name: 'no-deep-import-between-libs',
      comment:
        "One lib uses another through its entry only. Exempt: the harness's embedded Postgres, loaded by jest's global setup without the path aliases.",
      severity: 'error',
      from: { path: '^libs/([^/]+)/', pathNot: '^libs/testing/src/servers/embedded-postgres\\.server\\.ts$' },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^libs/$1/', LIB_ENTRY] },
    },
    {
      name: 'service-domain-is-innermost',
      comment:
        "A service's domain/ depends on nothing else of the service: not its commands, queries, controllers, database or adapters (they depend on it).",
      severity: 'error',
      from: { path: '^services/([^/]+)/src/domain/' },
      to: { path: '^services/$1/src/', pathNot: '^services/$1/src/domain/' },
    },
    {
      name: 'controllers-are-the-top-layer',
      comment:
        'Controllers depend on commands and queries, never the reverse: only HTTP-layer files (controllers, middleware), the wiring (*.module.ts, *.wiring.ts) and tests import a controller.',
      severity: 'error',
      from: {
        path: '^services/[^/]+/src/',
        pathNot: ['\\.controller\\.ts$', '\\.middleware\\.ts$', '\\.module\\.ts$', '\\.wiring\\.ts$', TESTS],
      },
      to: { path: '^services/[^/]+/src/.*\\.controller\\.ts$' },
    },
    {
      name: 'commands-and-queries-use-ports',
      comment:
        "A service's commands and queries reach its database through ports (abstract classes in domain/ or beside the use case) that database/ implements and the module binds; they never import database/. Exempt: projections (*.projection.ts), which are database-side wherever they live.",
      severity: 'error',
      from: { path: '^services/[^/]+/src/(commands|queries)/', pathNot: '\\.projection\\.ts$' },
      to: { path: '^services/[^/]+/src/database/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
