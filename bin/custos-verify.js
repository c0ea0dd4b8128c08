#!/usr/bin/env node
'use strict';
// Offline verifier of Custos ledger exports and evidence bundles. The logic is TypeScript in
// libs/ledger-core/src/cli/verify-cli.ts; @swc-node/register compiles it on load, using the
// checkout's tsconfig whatever the working directory is.
const path = require('node:path');

const root = path.resolve(__dirname, '..');
process.env.SWC_NODE_PROJECT = path.join(root, 'tsconfig.json');
require('@swc-node/register');
const { main } = require(path.join(root, 'libs/ledger-core/src/cli/verify-cli.ts'));

process.exitCode = main(process.argv.slice(2));
