import { infraToEnv } from './infra';
import { startTestServers } from './servers/start-servers';
import { ServerHandle } from './servers/server-handle';

declare global {
  var __custosServers: ServerHandle[] | undefined;
}

/** Jest global setup: start (or find) the servers once; workers read them from the env. */
export default async function globalSetup(): Promise<void> {
  const t0 = Date.now();
  const { infra, handles } = await startTestServers();
  globalThis.__custosServers = handles;
  Object.assign(process.env, infraToEnv(infra));
  process.stdout.write(
    `\n[custos harness] ${infra.source}: postgres ${new URL(infra.databaseUrl).host}, kafka ${infra.kafkaBrokers.join(',')}, ` +
      `s3 ${infra.s3.endPoint}:${infra.s3.port}, oidc ${infra.oidcIssuer ?? '-'} (${Date.now() - t0} ms)\n`,
  );
}
