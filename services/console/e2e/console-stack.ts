import type { Page } from 'playwright-core';
import { startEmbeddedServices, type RunningServices } from '../../../deploy/embedded/embedded-services.test-support';
import { startConsoleGateway, type ConsoleClientConfig, type ConsoleGateway } from '../src/gateway';
import { ensureWebBuilt, WEB_DIST } from '../src/web-build';
import { openConsoleBrowser, type ConsoleBrowser } from './browser';

export const CONSOLE_SERVICES = ['registry', 'requests', 'approvals', 'custody', 'storage', 'ledger'];

export interface ConsoleStackOptions {
  /** The services behind the gateway (default: the six the console calls). */
  readonly services?: readonly string[];
  /** One service's settings changed. */
  readonly overrides?: Record<string, Record<string, string>>;
  /** What /console-config.json tells the web app (default: embedded sign-in, Beijing time). */
  readonly client?: ConsoleClientConfig;
}

export interface ConsoleStack {
  readonly services: RunningServices;
  readonly gateway: ConsoleGateway;
  close(): Promise<void>;
}

/**
 * The console as `npm start` serves it: the web app built when stale, the services in their
 * embedded configuration on the harness's Postgres (registry seeded, development issuer), and
 * the gateway in front on a free port, in Beijing time.
 */
export async function startConsoleStack(label: string, options: ConsoleStackOptions = {}): Promise<ConsoleStack> {
  ensureWebBuilt();
  const services = await startEmbeddedServices(label, [...(options.services ?? CONSOLE_SERVICES)], options.overrides ?? {});
  const gateway = await startConsoleGateway({
    webRoot: WEB_DIST,
    upstreams: Object.fromEntries([...services.services.values()].map((s) => [s.name, s.url])),
    client: options.client ?? { mode: 'embedded', timeZone: 'Asia/Shanghai' },
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

/** The console's stack and a browser on it: what every browser suite starts before its tests and closes after. */
export interface ConsoleInBrowser {
  readonly services: RunningServices;
  /** The gateway's address: the console's origin. */
  readonly url: string;
  readonly browser: ConsoleBrowser;
  readonly page: Page;
  close(): Promise<void>;
}

export async function startConsoleInBrowser(label: string, options: ConsoleStackOptions = {}): Promise<ConsoleInBrowser> {
  const stack = await startConsoleStack(label, options);
  const browser = await openConsoleBrowser();
  return {
    services: stack.services,
    url: stack.gateway.url,
    browser,
    page: browser.page,
    close: async () => {
      await browser.close();
      await stack.close();
    },
  };
}

/**
 * Signs `username` in from the embedded sign-in list and waits for their home. Signing out is
 * forgetting the session the tab keeps, so whoever was signed in before is forgotten first.
 */
export async function signIn(page: Page, consoleUrl: string, username: string): Promise<void> {
  await page.goto(consoleUrl);
  await page.evaluate('sessionStorage.clear()');
  await page.goto(consoleUrl);
  const row = page.locator(`tr[data-username="${username}"]`);
  await row.waitFor();
  await row.getByRole('button').click();
  await page.getByRole('heading', { name: /欢迎/ }).waitFor();
}

/** Opens the console at `pathname` and waits for the page's title. */
export async function openAt(page: Page, consoleUrl: string, pathname: string, heading: string | RegExp): Promise<void> {
  await page.goto(`${consoleUrl}${pathname}`);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

/** Opens a page from the console's menu and waits for its title (the menu item's name unless told another). */
export async function openFromMenu(page: Page, item: string | RegExp, heading: string | RegExp = item): Promise<void> {
  await page.getByRole('menuitem', { name: item }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}
