import type { Page } from 'playwright-core';
import { screenshot, seriousAxeViolations } from './browser';

/** What the sign-in journey saw, for the test's assertions. */
export interface SignInJourney {
  readonly signInHeading: string;
  readonly people: number;
  readonly officerRow: string;
  readonly welcome: string;
  readonly menu: string;
  readonly englishWelcome: string;
  readonly englishSignOut: string;
  readonly axe: { signIn: string[]; home: string[]; homeEnglish: string[] };
}

/**
 * Opens the console, signs in as `username` from the embedded sign-in list, switches to
 * English; screenshots and axe checks on the way (shared by the e2e test and the benchmark).
 */
export async function signInJourney(page: Page, consoleUrl: string, username: string): Promise<SignInJourney> {
  await page.goto(consoleUrl);
  const heading = page.getByRole('heading', { name: '登录' });
  await heading.waitFor();
  const row = page.locator(`tr[data-username="${username}"]`);
  await row.waitFor();
  const people = await page.locator('tbody tr').count();
  const officerRow = (await row.innerText()).replace(/\s+/g, ' ');
  const axeSignIn = await seriousAxeViolations(page);
  await screenshot(page, 'sign-in');

  await row.getByRole('button').click();
  const welcome = page.getByRole('heading', { name: /欢迎/ });
  await welcome.waitFor();
  const menu = (await page.locator('nav').innerText()).replace(/\s+/g, ' ');
  const welcomeText = await welcome.innerText();
  const axeHome = await seriousAxeViolations(page);
  await screenshot(page, 'officer-home');

  await page.getByRole('button', { name: 'English' }).click();
  const englishWelcome = page.getByRole('heading', { name: /Welcome/ });
  await englishWelcome.waitFor();
  const englishSignOut = await page.getByRole('button', { name: 'Sign out' }).innerText();
  const axeEnglish = await seriousAxeViolations(page);
  await screenshot(page, 'officer-home-en');
  return {
    signInHeading: await heading.innerText().catch(() => '登录'),
    people,
    officerRow,
    welcome: welcomeText,
    menu,
    englishWelcome: await englishWelcome.innerText(),
    englishSignOut,
    axe: { signIn: axeSignIn, home: axeHome, homeEnglish: axeEnglish },
  };
}
