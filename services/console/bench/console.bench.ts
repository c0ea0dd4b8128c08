import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startEmbeddedStack } from '../../../deploy/embedded/embedded-stack';
import { seedDemoData } from '../../../deploy/embedded/seed-demo-data';
import { openConsoleBrowser } from '../e2e/browser';
import { startConsoleGateway } from '../src/gateway';
import { ensureWebBuilt, WEB_DIST } from '../src/web-build';

/**
 * `npm run bench:console`: the console's figures, in one run. The initial JavaScript (what
 * index.html loads before any page: its module script and modulepreloads) gzip-compressed,
 * against the 300 KB budget; and the sign-in page ready (list of people shown, buttons
 * enabled) in Chromium, against a raw fetch of index.html through the same gateway. Runs the
 * embedded stack like `npm start` (CUSTOS_EMBEDDED_* move it beside another installation).
 */
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
