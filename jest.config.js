// Two projects: pure unit tests run anywhere; integration and end-to-end suites get real
// Postgres, a Kafka-protocol broker and S3 from the harness (libs/testing), started once.
const fs = require('node:fs');
const path = require('node:path');
const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
const tsconfig = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    `<rootDir>/${target}`,
  ]),
);
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleNameMapper,
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/deploy'],
};

module.exports = {
  // Integration suites wait on real servers (consumer-group joins take seconds here).
  testTimeout: 180000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['**/*.int-spec.ts', '**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/deploy/test-global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
      slowTestThreshold: 30,
    },
  ],
};
