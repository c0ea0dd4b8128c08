/**
 * The dependency direction of ARCHITECTURE.md, enforced: services import libs and never each
 * other; libs never import services; the pure libs (domain, contracts, ledger-core) import
 * nothing of ours except contracts.
 */
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
