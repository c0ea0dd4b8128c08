import fs from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '../scripts/canonical-json';
import { openConsoleBrowser, type ConsoleBrowser } from './browser';
import { CONSOLE_SERVICES as SERVICES, startConsoleStack, type ConsoleStack } from './console-stack';
import { signInJourney, type SignInJourney } from './sign-in.journey';

const API_DIR = path.resolve(__dirname, '../web/src/api/openapi');

/**
 * The console as `npm start` serves it: the six services in their embedded configuration
 * (demo data seeded, the registry's development issuer), the gateway in front, the built web
 * app, and Debian's Chromium in zh-CN and Beijing time.
 */
describe('the console: sign-in in Chinese, an officer’s home, English (embedded mode)', () => {
  let stack: ConsoleStack;
  let gateway: ConsoleStack['gateway'];
  let browser: ConsoleBrowser;
  let journey: SignInJourney;

  beforeAll(async () => {
    stack = await startConsoleStack('console');
    gateway = stack.gateway;
    browser = await openConsoleBrowser();
    journey = await signInJourney(browser.page, gateway.url, 'officer.li');
  }, 600000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('opens on a sign-in page in Chinese listing the registry’s people with names, organisation and roles', () => {
    expect(journey.signInHeading).toBe('登录');
    expect(journey.people).toBeGreaterThanOrEqual(20);
    expect(journey.officerRow).toContain('Li Wei');
    expect(journey.officerRow).toContain('雁塔分局');
    expect(journey.officerRow).toContain('民警');
    expect(journey.officerRow).toContain('61011300101');
  });

  it('signs the officer in and shows their home and the officer menu', () => {
    expect(journey.welcome).toBe('欢迎，Li Wei');
    expect(journey.menu).toContain('工作台');
    expect(journey.menu).toContain('民警');
    expect(journey.menu).not.toContain('审批负责人');
  });

  it('switches to English', () => {
    expect(journey.englishWelcome).toBe('Welcome, Li Wei');
    expect(journey.englishSignOut).toBe('Sign out');
  });

  it('has no serious or critical accessibility violation (axe-core)', () => {
    expect(journey.axe).toEqual({ signIn: [], home: [], homeEnglish: [] });
  });

  it('serves the OpenAPI documents the console’s types were generated from (else: npm run console:api)', async () => {
    for (const service of SERVICES) {
      const served = await (await fetch(`${gateway.url}/api/${service}/docs-json`)).json();
      const committed = fs.readFileSync(path.join(API_DIR, `${service}.json`), 'utf8');
      expect([service, canonicalJson(served) === committed]).toEqual([service, true]);
    }
  });
});
