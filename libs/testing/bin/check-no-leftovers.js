#!/usr/bin/env node
// Run after the test suite: every server process the harness recorded must be gone.
'use strict';
const fs = require('node:fs');
const stateFile = process.env.CUSTOS_RUN_STATE;
if (!stateFile) {
  console.error('harness: set CUSTOS_RUN_STATE to the run state file the test run used');
  process.exit(2);
}
const alive = (pid) => {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
};
if (!fs.existsSync(stateFile)) {
  console.log('harness: no local servers were started (servers came from the environment or containers)');
  process.exit(0);
}
const { servers } = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
const left = servers.flatMap((s) => s.pids.filter(alive).map((pid) => `${s.name}:${pid}`));
const total = servers.reduce((n, s) => n + s.pids.length, 0);
if (left.length > 0) {
  console.error(`harness: ${left.length} of ${total} server processes still running after the tests: ${left.join(' ')}`);
  process.exit(1);
}
console.log(`harness: all ${total} server processes started for the tests have stopped`);
