import { TEST_OIDC, TEST_OIDC_CLAIM_SETTINGS, testOidcIssuer } from '@custos/testing';
import { startEmbeddedServices, type RunningServices } from '../../../deploy/embedded/embedded-services.test-support';
import { startConsoleGateway, type ConsoleGateway } from '../src/gateway';
import { consoleSettings } from '../src/console.config';
import { ensureWebBuilt, WEB_DIST } from '../src/web-build';
import { openConsoleBrowser, screenshot, type ConsoleBrowser } from './browser';

/**
 * The console outside the embedded mode: it signs a person in at a REAL OpenID provider (the
 * harness's oidc-provider) with authorization code + PKCE, configured by /console-config.json
 * (CONSOLE_OIDC_* and the services' claim mapping), and the registry — trusting that provider
 * by its CUSTOS_AUTH_* settings alone, no development issuer — answers its calls (issue 16).
 */
describe('the console signs in through a real OpenID provider (authorization code + PKCE)', () => {
  let issuer: string;
  let stack: RunningServices;
  let gateway: ConsoleGateway;
  let browser: ConsoleBrowser;

  beforeAll(async () => {
    issuer = testOidcIssuer();
    ensureWebBuilt();
    const auth = {
      CUSTOS_AUTH_ISSUER: issuer,
      CUSTOS_AUTH_AUDIENCE: TEST_OIDC.apiResource,
      CUSTOS_AUTH_JWKS_URL: `${issuer}/jwks`,
      ...TEST_OIDC_CLAIM_SETTINGS,
    };
    stack = await startEmbeddedServices('console-oidc', ['registry'], { registry: { ...auth, EMBEDDED_MODE: 'false' } });
    const { client } = consoleSettings(
      { ...auth, CONSOLE_AUTH_MODE: 'oidc', CONSOLE_OIDC_ISSUER: issuer, CONSOLE_OIDC_CLIENT_ID: TEST_OIDC.consoleClientId, CONSOLE_OIDC_SCOPE: 'openid profile' },
      { mode: 'oidc' },
    );
    gateway = await startConsoleGateway({
      webRoot: WEB_DIST,
      upstreams: { registry: stack.services.get('registry')!.url },
      client,
      port: 0,
    });
    browser = await openConsoleBrowser();
  }, 600000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await stack?.close();
  });

  it("signs an officer in at the provider's own page and shows the officer's home, with the roles mapped from the provider's claims", async () => {
    const page = browser.page;
    page.setDefaultTimeout(120000);
    await page.goto(gateway.url);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await page.getByRole('button', { name: '通过统一身份认证登录' }).click();

    // The provider's sign-in page (another origin): a wrong password is refused there.
    await page.waitForURL((url) => url.href.startsWith(issuer));
    await page.getByLabel('Username').fill('officer.li');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Username').fill('officer.li');
    await page.getByLabel('Password').fill(TEST_OIDC.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.waitForURL((url) => url.href.startsWith(gateway.url) && !url.pathname.startsWith('/callback'));
    await page.getByRole('heading', { name: /欢迎/ }).waitFor();
    const menu = (await page.locator('nav').innerText()).replace(/\s+/g, ' ');
    expect(menu).toContain('民警');
    await screenshot(page, 'oidc-officer-home');

    const session = JSON.parse((await page.evaluate<string | null>("sessionStorage.getItem('custos.session')")) ?? '{}') as {
      accessToken?: string;
      roles?: string[];
      organisationId?: string;
    };
    expect(session).toMatchObject({ roles: ['OFFICER'], organisationId: 'org-psb-yanta' });
    // The provider's token, through the gateway, is what the registry now trusts.
    const read = await fetch(`${gateway.url}/api/registry/v1/organisations`, { headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(read.status).toBe(200);
  });
});
