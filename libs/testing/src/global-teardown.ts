import { stopTestServers } from './servers/start-servers';

export default async function globalTeardown(): Promise<void> {
  await stopTestServers(globalThis.__custosServers ?? []);
  globalThis.__custosServers = [];
}
