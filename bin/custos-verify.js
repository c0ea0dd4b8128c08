#!/usr/bin/env node
'use strict';
// Offline verifier of Custos ledger exports, evidence bundles and export packages. The logic is
// TypeScript: ledger exports and bundles in libs/ledger-core/src/cli/verify-cli.ts, export
// packages (a tar) in services/storage/src/export-package/verify-package-cli.ts.
// @swc-node/register compiles it on load, using the checkout's tsconfig whatever the working
// directory is.
const fs = require('node:fs');
const path = require('node:path');

/** A POSIX tar (ustar magic at offset 257) is an export package; anything else is ledger JSON. */
function isTar(file) {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const header = Buffer.alloc(512);
      return fs.readSync(fd, header, 0, 512, 0) === 512 && header.toString('latin1', 257, 262) === 'ustar';
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

const root = path.resolve(__dirname, '..');
process.env.SWC_NODE_PROJECT = path.join(root, 'tsconfig.json');
require('@swc-node/register');
const argv = process.argv.slice(2);

if (argv.some((arg) => !arg.startsWith('-') && isTar(arg))) {
  const { main } = require(path.join(root, 'services/storage/src/export-package/verify-package-cli.ts'));
  main(argv).then((status) => (process.exitCode = status));
} else {
  const { main } = require(path.join(root, 'libs/ledger-core/src/cli/verify-cli.ts'));
  // A promise: an export's replay may run on worker threads.
  main(argv).then((status) => (process.exitCode = status));
}
