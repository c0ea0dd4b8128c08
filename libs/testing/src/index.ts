export * from './infra';
export * from './isolation';
export * from './fault-proxy';
export * from './run-state';
export { startTestServers, startLocalProcesses, stopTestServers } from './servers/start-servers';
export { freePort, waitFor } from './servers/scratch';
