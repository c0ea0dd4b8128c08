import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const REPO_ROOT = path.resolve(__dirname, '../../..');
/** Where screenshots land (gitignored with .custos/): kept as the run's artefacts. */
export const ARTEFACTS = path.join(REPO_ROOT, '.custos', 'test-artefacts', 'console');
const AXE = require.resolve('axe-core/axe.min.js');

export interface ConsoleBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/**
 * Debian's Chromium, headless, as a person in Xi'an sees the console: zh-CN, Beijing time,
 * a fresh profile each time (no cookies or storage from another run).
 */
export async function openConsoleBrowser(
  options: { locale?: string; timezoneId?: string } = {},
): Promise<ConsoleBrowser> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-chromium-'));
  // A persistent context is how Playwright takes a profile folder: a fresh one per launch.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    locale: options.locale ?? 'zh-CN',
    timezoneId: options.timezoneId ?? 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // Two cores shared by many test processes: the first load can take tens of seconds.
  page.setDefaultTimeout(120000);
  return {
    context,
    page,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as `<name>.png` under ARTEFACTS; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTEFACTS, { recursive: true });
  const file = path.join(ARTEFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Runs `steps` with the window at `size`, then puts it back to the browser's 1280×900. */
export async function atWindowSize<T>(page: Page, size: { width: number; height: number }, steps: () => Promise<T>): Promise<T> {
  await page.setViewportSize(size);
  try {
    return await steps();
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
}

/**
 * How the page fits the window as it is now: whether the page and `table` scroll sideways, and
 * whether `cell` (its first match) ends inside the window. Both are CSS selectors.
 */
export async function horizontalFit(page: Page, table: string, cell: string): Promise<{ page: boolean; table: boolean; cellInView: boolean }> {
  // Evaluated in the page as text: the tests' TypeScript has no DOM library.
  return page.evaluate(`(() => {
    const root = document.documentElement;
    const table = document.querySelector(${JSON.stringify(table)});
    const cell = document.querySelector(${JSON.stringify(cell)}).getBoundingClientRect();
    return { page: root.scrollWidth <= root.clientWidth, table: table.scrollWidth <= table.clientWidth, cellInView: cell.right <= root.clientWidth };
  })()`);
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  readonly help: string;
  readonly nodes: { readonly target: unknown[]; readonly html: string }[];
}

/** Runs axe-core in the page (WCAG 2 A/AA rules); returns every violation. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
    }));
  });
}

/** Screenshots the page as `<name>` and returns its serious and critical axe violations. */
export async function seen(page: Page, name: string): Promise<string[]> {
  await screenshot(page, name);
  return seriousAxeViolations(page);
}

/** The serious and critical violations only, in a form a failing expect() prints readably. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  return (await axeViolations(page))
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.html)
          .slice(0, 3)
          .join(' | ')}`,
    );
}
