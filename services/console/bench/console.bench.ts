import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startEmbeddedStack } from '../../../deploy/embedded/embedded-stack';
import { seedDemoData } from '../../../deploy/embedded/seed-demo-data';
import { openConsoleBrowser } from '../e2e/browser';
import { startConsoleGateway } from '../src/gateway';
import { ensureWebBuilt, WEB_DIST } from '../src/web-build';
import type { Pool } from 'pg';
import type { Page } from 'playwright-core';
import { APPROVALS_POOL } from '../../approvals/src/approvals.tokens';
import { seedApprovalQueue } from '../../approvals/bench/seed-queue';

/**
 * `npm run bench:console`: the console's figures, in one run. The initial JavaScript (what
 * index.html loads before any page: its module script and modulepreloads) gzip-compressed,
 * against the 300 KB budget; and the sign-in page ready (list of people shown, buttons
 * enabled) in Chromium, against a raw fetch of index.html through the same gateway. Runs the
 * embedded stack like `npm start` (CUSTOS_EMBEDDED_* move it beside another installation).
 * Then the approval queue with 100 000 cases (seeded into the approvals read model, removed
 * afterwards): head.yanta's first page of fifty rendered in Chromium after a click on the menu
 * (its code and data fetched then, nothing cached), against the raw API call
 * the page makes, through the same gateway.
 */
const QUEUE_ROWS = Number(process.env.BENCH_QUEUE_ROWS ?? 100_000);
const QUEUE_TARGET_MS = 500;

/** The demo's requesting organs head.yanta is competent for (R17.3, R17.4). */
const DEMO_REQUESTERS = [
  ['org-ps-xiaozhai', 'PUBLIC_SECURITY', '610113001'],
  ['org-psb-yanta', 'PUBLIC_SECURITY', '610113'],
  ['org-amr-yanta', 'OTHER_ADMIN', '610113'],
] as const;

async function queueFigures(page: Page, gatewayUrl: string, pool: Pool): Promise<string[]> {
  await seedApprovalQueue(pool, QUEUE_ROWS, DEMO_REQUESTERS, 'cam-mall-main-entrance');
  try {
    const { access_token: accessToken } = (await (
      await fetch(`${gatewayUrl}/api/registry/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"head.yanta"}' })
    ).json()) as { access_token: string };
    await page.goto(gatewayUrl);
    await page.locator('tr[data-username="head.yanta"]').getByRole('button').click();
    await page.getByRole('heading', { name: /欢迎/ }).waitFor();
    const raw: number[] = [];
    const rendered: number[] = [];
    for (let i = 0; i < ROUNDS + 1; i++) {
      let t0 = performance.now();
      const res = await fetch(`${gatewayUrl}/api/approvals/approval-cases?limit=50&status=OPEN`, { headers: { authorization: `Bearer ${accessToken}` } });
      const body = (await res.json()) as { items: unknown[] };
      if (body.items.length < 50) throw new Error(`queue: ${res.status}, ${body.items.length} rows`);
      const rawMs = performance.now() - t0;
      // The app loaded (not timed: that is the sign-in figure above), the head opens the queue from the menu.
      await page.goto(gatewayUrl);
      await page.getByRole('heading', { name: /欢迎/ }).waitFor();
      t0 = performance.now();
      await page.getByRole('menuitem', { name: '审批队列' }).click();
      await page.locator('tbody tr[data-row-key]').nth(49).waitFor({ state: 'visible' });
      const renderedMs = performance.now() - t0;
      // The first round warms the caches (registry names, the lazily loaded page).
      if (i > 0) {
        raw.push(rawMs);
        rendered.push(renderedMs);
      }
    }
    return [
      `approval queue with ${QUEUE_ROWS} cases, raw API call (first page of 50): median ${median(raw).toFixed(1)} ms of ${ROUNDS}`,
      `approval queue with ${QUEUE_ROWS} cases rendered (menu click to 50 rows shown, app loaded, nothing cached): median ${median(rendered).toFixed(0)} ms of ${ROUNDS} (target < ${QUEUE_TARGET_MS} ms) ${median(rendered) < QUEUE_TARGET_MS ? 'OK' : 'OVER'}, ${(median(rendered) / median(raw)).toFixed(1)}× the raw call`,
    ];
  } finally {
    await pool.query(`DELETE FROM ap_cases WHERE case_reference LIKE 'BENCH-%' AND purpose = 'benchmark'`);
  }
}
const BUDGET_KB = 300;
const ROUNDS = 5;

function initialJsGzipBytes(): { files: string[]; bytes: number } {
  const html = fs.readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const bytes = files.reduce(
    (sum, f) => sum + gzipSync(fs.readFileSync(path.join(WEB_DIST, f)), { level: 9 }).length,
    0,
  );
  return { files, bytes };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  ensureWebBuilt();
  const js = initialJsGzipBytes();
  const stack = await startEmbeddedStack({ logLevel: 'warn' });
  const gateway = await startConsoleGateway({
    webRoot: WEB_DIST,
    upstreams: Object.fromEntries(stack.services.map((s) => [s.name, s.url])),
    client: { mode: 'embedded', timeZone: 'Asia/Shanghai' },
    port: 0,
  });
  const browser = await openConsoleBrowser();
  try {
    await seedDemoData(stack.services);
    const raw: number[] = [];
    const ready: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      let t0 = performance.now();
      await (await fetch(gateway.url)).text();
      raw.push(performance.now() - t0);
      await browser.context.clearCookies();
      t0 = performance.now();
      await browser.page.goto(gateway.url);
      await browser.page.locator('tbody tr button').first().waitFor({ state: 'visible' });
      ready.push(performance.now() - t0);
    }
    const kb = js.bytes / 1024;
    const lines = [
      `initial JS (gzip -9): ${kb.toFixed(1)} KB of ${BUDGET_KB} KB budget ${kb <= BUDGET_KB ? 'OK' : 'OVER'} (${js.files.join(', ')})`,
      `index.html raw fetch: median ${median(raw).toFixed(1)} ms of ${ROUNDS}`,
      `sign-in page ready (people listed, buttons enabled): median ${median(ready).toFixed(0)} ms of ${ROUNDS} (target < 1000 ms) ${median(ready) < 1000 ? 'OK' : 'OVER'}`,
    ];
    const approvals = stack.services.find((svc) => svc.name === 'approvals')!;
    lines.push(...(await queueFigures(browser.page, gateway.url, approvals.app.get<Pool>(APPROVALS_POOL))));
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await browser.close();
    await gateway.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:console failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
