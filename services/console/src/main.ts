import { consoleSettings } from './console.config';
import { startConsoleGateway } from './gateway';
import { WEB_DIST } from './web-build';

/**
 * The gateway on its own (compose, Kubernetes): `<SERVICE>_URL` per service
 * (REGISTRY_URL, REQUESTS_URL, …), OIDC sign-in by default.
 */
const SERVICES = ['registry', 'requests', 'approvals', 'custody', 'storage', 'ledger', 'oversight'];

async function main(): Promise<void> {
  const settings = consoleSettings(process.env, { mode: 'oidc' });
  const upstreams = Object.fromEntries(
    SERVICES.map((s) => {
      const url = process.env[`${s.toUpperCase()}_URL`];
      if (!url) throw new Error(`${s.toUpperCase()}_URL is required`);
      return [s, url];
    }),
  );
  const gateway = await startConsoleGateway({
    webRoot: process.env.CONSOLE_WEB_ROOT || WEB_DIST,
    upstreams,
    ...settings,
  });
  process.stdout.write(`Console: ${gateway.url}\n`);
  const stop = () => gateway.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`console gateway could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
