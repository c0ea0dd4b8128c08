#!/usr/bin/env node
// Watches the process that started the test servers; when it is gone (finished, crashed,
// interrupted, kill -9), kills every server pid it recorded. Plain JS: it must run without
// the TypeScript toolchain, detached from jest.
'use strict';
const fs = require('node:fs');
const [ownerPid, stateFile] = [Number(process.argv[2]), process.argv[3]];

const alive = (pid) => {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
};
const recordedPids = () => {
  try {
    const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    return state.ownerPid === ownerPid ? state.servers.flatMap((s) => s.pids) : [];
  } catch { return []; }
};
const signal = (pids, sig) => pids.forEach((p) => { try { process.kill(p, sig); } catch { /* gone */ } });

const timer = setInterval(() => {
  if (alive(ownerPid)) return;
  clearInterval(timer);
  const pids = recordedPids().filter(alive);
  signal(pids, 'SIGINT');
  setTimeout(() => { signal(pids.filter(alive), 'SIGKILL'); process.exit(0); }, 5000);
}, 500);
