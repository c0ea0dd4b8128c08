#!/usr/bin/env node
// Watches the process that started the test servers; when it is gone (finished, crashed,
// interrupted, kill -9), kills every server pid it recorded and removes their scratch
// folders (a Postgres cluster is most of a gigabyte). Plain JS: it must run without the
// TypeScript toolchain, detached from jest.
'use strict';
const fs = require('node:fs');
const [ownerPid, stateFile] = [Number(process.argv[2]), process.argv[3]];

const alive = (pid) => {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
};
const recordedServers = () => {
  try {
    const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    return state.ownerPid === ownerPid ? state.servers : [];
  } catch { return []; }
};
const signal = (pids, sig) => pids.forEach((p) => { try { process.kill(p, sig); } catch { /* gone */ } });

const timer = setInterval(() => {
  if (alive(ownerPid)) return;
  clearInterval(timer);
  const servers = recordedServers();
  const pids = servers.flatMap((s) => s.pids).filter(alive);
  signal(pids, 'SIGINT');
  setTimeout(() => {
    signal(pids.filter(alive), 'SIGKILL');
    // A server stopped normally has removed its own; these are the ones of a run that died.
    setTimeout(() => {
      for (const dir of servers.flatMap((s) => s.scratchDirs ?? [])) fs.rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    }, 500);
  }, 5000);
}, 500);
