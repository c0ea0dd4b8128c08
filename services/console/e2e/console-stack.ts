import type { Locator, Page } from 'playwright-core';
import { startEmbeddedServices, type RunningServices } from '../../../deploy/embedded/embedded-services.test-support';
import { startConsoleGateway, type ConsoleClientConfig, type ConsoleGateway } from '../src/gateway';
import { ensureWebBuilt, WEB_DIST } from '../src/web-build';
import { openConsoleBrowser, type ConsoleBrowser } from './browser';
import { PagesSeen } from './pages-seen';

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
  return { services, gateway, close: closeInTurn(gateway, services) };
}

/** The console's stack and a browser on it: what every browser suite starts before its tests and closes after. */
export interface ConsoleInBrowser {
  readonly services: RunningServices;
  /** The gateway's address: the console's origin. */
  readonly url: string;
  readonly browser: ConsoleBrowser;
  readonly page: Page;
  /** The pages the suite has looked at, with what axe found on each: its last test checks them all. */
  readonly pages: PagesSeen;
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
    pages: new PagesSeen(),
    close: closeInTurn(browser, stack),
  };
}

/** Closes `parts` one after the other in the order given: the last started first, so nothing is left calling what has stopped. */
function closeInTurn(...parts: readonly { close(): Promise<void> }[]): () => Promise<void> {
  return async () => {
    for (const part of parts) await part.close();
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

/** The row of a table on the page by its key (the table's `rowKey`: a request id, an evidence item id …). */
export function tableRow(page: Page, key: string): Locator {
  return page.locator(`tr[data-row-key="${key}"]`);
}

/** Opens a list page from the menu (as `openFromMenu`) and gives the row of `key` in its table. */
export async function rowFromMenu(page: Page, item: string, key: string): Promise<Locator> {
  await openFromMenu(page, item);
  return tableRow(page, key);
}
