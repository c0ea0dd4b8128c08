import { consoleSettings } from '../../services/console/src/console.config';
import { ConsoleGateway, startConsoleGateway } from '../../services/console/src/gateway';
import { ensureWebBuilt, WEB_DIST } from '../../services/console/src/web-build';

/**
 * The console in the embedded mode: builds the web app when it is missing or stale, then
 * serves it and the services on one origin (CONSOLE_PORT, 3000 by default), signing in
 * through the registry's development issuer.
 */
export async function startEmbeddedConsole(
  services: readonly { readonly name: string; readonly url: string }[],
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = () => undefined,
): Promise<ConsoleGateway> {
  const settings = consoleSettings(env, { mode: 'embedded' });
  ensureWebBuilt(log);
  return startConsoleGateway({
    webRoot: WEB_DIST,
    upstreams: Object.fromEntries(services.map((s) => [s.name, s.url])),
    ...settings,
  });
}
