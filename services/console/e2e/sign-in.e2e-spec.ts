import fs from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '../scripts/canonical-json';
import { screenshot, type ConsoleBrowser } from './browser';
import { CONSOLE_SERVICES, startConsoleInBrowser, type ConsoleInBrowser } from './console-stack';
import { signInJourney, type SignInJourney } from './sign-in.journey';

/** A token from the embedded issuer through the gateway, as the console gets one. */
async function devToken(consoleUrl: string, username: string): Promise<string> {
  const r = await fetch(`${consoleUrl}/api/registry/dev/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  return ((await r.json()) as { access_token: string }).access_token;
}

async function registryPost<T>(consoleUrl: string, token: string, path: string, body: object): Promise<T> {
  const r = await fetch(`${consoleUrl}/api/registry${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`POST ${path}: HTTP ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/** A new tab (no session: sessionStorage is per tab) in Chinese, whatever the journey chose. */
async function freshPage(browser: ConsoleBrowser) {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(120000);
  await page.addInitScript("localStorage.setItem('custos.locale', 'zh-CN')");
  return page;
}

const API_DIR = path.resolve(__dirname, '../web/src/api/openapi');

/**
 * The console as `npm start` serves it: the six services in their embedded configuration
 * (demo data seeded, the registry's development issuer), the gateway in front, the built web
 * app, and Debian's Chromium in zh-CN and Beijing time.
 */
describe('the console: sign-in in Chinese, an officer’s home, English (embedded mode)', () => {
  let run: ConsoleInBrowser;
  let journey: SignInJourney;

  beforeAll(async () => {
    run = await startConsoleInBrowser('console');
    journey = await signInJourney(run.page, run.url, 'officer.li');
  }, 600000);

  afterAll(() => run?.close());

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

  it('signs in an officer registered through the registry’s API a moment ago, found by name in the list (R18.1, R18.2)', async () => {
    const suffix = String(Date.now()).slice(-7);
    const admin = await devToken(run.url, 'admin.yanta');
    const officer = await registryPost<{ id: string }>(run.url, admin, '/v1/officers', {
      personId: `person-e2e-${suffix}`,
      organisationId: 'org-psb-yanta',
      name: `陈晓 ${suffix}`,
    });
    await registryPost(run.url, admin, `/v1/officers/${officer.id}/qualifications`, {
      credentialNumber: `6101139${suffix}`,
      issuedAt: '2026-01-01T00:00:00+08:00',
      expiresAt: '2031-01-01T00:00:00+08:00',
      backdatingReason: 'e2e: a credential issued before today',
    });

    const page = await freshPage(run.browser);
    await page.goto(run.url);
    await page.getByRole('searchbox', { name: '按姓名或单位搜索' }).fill(`陈晓 ${suffix}`);
    const row = page.locator(`tr[data-username="person-e2e-${suffix}"]`);
    await row.waitFor();
    expect((await row.innerText()).replace(/\s+/g, ' ')).toEqual(
      expect.stringMatching(new RegExp(`陈晓 ${suffix} .*雁塔分局.*民警.*6101139${suffix}`)),
    );
    await page.getByRole('button', { name: `登录 陈晓 ${suffix}` }).click();
    await page.getByRole('heading', { name: `欢迎，陈晓 ${suffix}` }).waitFor();
    expect(await page.locator('body').innerText()).toContain('雁塔分局');
    await screenshot(page, 'sign-in-registered-officer');
    await page.close();
  });

  it('names heads in office by the name they were appointed with (R17.2)', async () => {
    const page = await freshPage(run.browser);
    await page.goto(run.url);
    await page.getByRole('searchbox', { name: '按姓名或单位搜索' }).fill('雁塔分局');
    const head = page.locator('tr[data-username="head.yanta"]');
    await head.waitFor();
    expect((await head.innerText()).replace(/\s+/g, ' ')).toContain('Zhou Yongming');
    expect(await head.innerText()).toContain('审批负责人');
    // The former head's term ended (2024-01-01): not listed.
    expect(await page.locator('tr[data-username="person-head-yanta-former"]').count()).toBe(0);
    await page.close();
  });

  it('serves the OpenAPI documents the console’s types were generated from (else: npm run console:api)', async () => {
    for (const service of CONSOLE_SERVICES) {
      const served = await (await fetch(`${run.url}/api/${service}/docs-json`)).json();
      const committed = fs.readFileSync(path.join(API_DIR, `${service}.json`), 'utf8');
      expect([service, canonicalJson(served) === committed]).toEqual([service, true]);
    }
  });
});
