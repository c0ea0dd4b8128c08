import { startEmbeddedServices, type RunningServices } from '../../../deploy/embedded/embedded-services.test-support';
import { startConsoleGateway, type ConsoleGateway } from '../src/gateway';
import { ensureWebBuilt, WEB_DIST } from '../src/web-build';

export const CONSOLE_SERVICES = ['registry', 'requests', 'approvals', 'custody', 'storage', 'ledger'];

export interface ConsoleStack {
  readonly services: RunningServices;
  readonly gateway: ConsoleGateway;
  close(): Promise<void>;
}

/**
 * The console as `npm start` serves it: the web app built when stale, the six services in their
 * embedded configuration on the harness's Postgres (registry seeded, development issuer), and
 * the gateway in front on a free port, in Beijing time. `overrides` change one service's settings.
 */
export async function startConsoleStack(label: string, overrides: Record<string, Record<string, string>> = {}): Promise<ConsoleStack> {
  ensureWebBuilt();
  const services = await startEmbeddedServices(label, CONSOLE_SERVICES, overrides);
  const gateway = await startConsoleGateway({
    webRoot: WEB_DIST,
    upstreams: Object.fromEntries([...services.services.values()].map((s) => [s.name, s.url])),
    client: { mode: 'embedded', timeZone: 'Asia/Shanghai' },
    port: 0,
  });
  return {
    services,
    gateway,
    close: async () => {
      await gateway.close();
      await services.close();
    },
  };
}
