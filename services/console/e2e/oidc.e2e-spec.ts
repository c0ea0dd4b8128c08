import { TEST_OIDC, TEST_OIDC_CLAIM_SETTINGS, testOidcIssuer } from '@custos/testing';
import { consoleSettings } from '../src/console.config';
import { screenshot } from './browser';
import { startConsoleInBrowser, type ConsoleInBrowser } from './console-stack';

/**
 * The console outside the embedded mode: it signs a person in at a REAL OpenID provider (the
 * harness's oidc-provider) with authorization code + PKCE, configured by /console-config.json
 * (CONSOLE_OIDC_* and the services' claim mapping), and the registry — trusting that provider
 * by its CUSTOS_AUTH_* settings alone, no development issuer — answers its calls (issue 16).
 */
describe('the console signs in through a real OpenID provider (authorization code + PKCE)', () => {
  let issuer: string;
  let run: ConsoleInBrowser;

  beforeAll(async () => {
    issuer = testOidcIssuer();
    const auth = {
      CUSTOS_AUTH_ISSUER: issuer,
      CUSTOS_AUTH_AUDIENCE: TEST_OIDC.apiResource,
      CUSTOS_AUTH_JWKS_URL: `${issuer}/jwks`,
      ...TEST_OIDC_CLAIM_SETTINGS,
    };
    const { client } = consoleSettings(
      { ...auth, CONSOLE_AUTH_MODE: 'oidc', CONSOLE_OIDC_ISSUER: issuer, CONSOLE_OIDC_CLIENT_ID: TEST_OIDC.consoleClientId, CONSOLE_OIDC_SCOPE: 'openid profile' },
      { mode: 'oidc' },
    );
    run = await startConsoleInBrowser('console-oidc', { services: ['registry'], overrides: { registry: { ...auth, EMBEDDED_MODE: 'false' } }, client });
  }, 600000);

  afterAll(() => run?.close());

  it("signs an officer in at the provider's own page and shows the officer's home, with the roles mapped from the provider's claims", async () => {
    const page = run.page;
    page.setDefaultTimeout(120000);
    await page.goto(run.url);
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

    await page.waitForURL((url) => url.href.startsWith(run.url) && !url.pathname.startsWith('/callback'));
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
    const read = await fetch(`${run.url}/api/registry/v1/organisations`, { headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(read.status).toBe(200);
  });
});
