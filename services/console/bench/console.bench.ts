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
 * against the 300 KB budget; and the sign-in page interactive (the username form and the search
 * box work) and with its people listed in Chromium, against raw fetches of index.html and of the
 * list's first page through the same gateway, in the same rounds, with the page's own timings
 * (HTML, JavaScript, first render, list received, list rendered) to say where the time goes. Runs the
 * embedded stack like `npm start` (CUSTOS_EMBEDDED_* move it beside another installation).
 */
const BUDGET_KB = 300;
const ROUNDS = Number(process.env.CONSOLE_BENCH_ROUNDS ?? 7);
const PHASES = ['raw', 'users', 'interactive', 'listed', 'pageHtml', 'pageJs', 'pageInteractive', 'pageUsers', 'pageListed'] as const;
type Phase = (typeof PHASES)[number];

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
    const m: Record<Phase, number[]> = Object.fromEntries(PHASES.map((p) => [p, []])) as never;
    for (let i = 0; i < ROUNDS; i++) {
      let t0 = performance.now();
      await (await fetch(gateway.url)).text();
      m.raw.push(performance.now() - t0);
      t0 = performance.now();
      await (await fetch(`${gateway.url}/api/registry/dev/users?limit=50`)).text();
      m.users.push(performance.now() - t0);
      await browser.context.clearCookies();
      await browser.page.goto('about:blank');
      t0 = performance.now();
      await browser.page.goto(gateway.url, { waitUntil: 'commit' });
      // Interactive: the username form's button and the search box work (the list may still load).
      await browser.page.getByRole('form').getByRole('button').waitFor({ state: 'visible' });
      await browser.page.locator('input[aria-label="按姓名或单位搜索"]').waitFor({ state: 'visible' });
      m.interactive.push(performance.now() - t0);
      await browser.page.locator('tbody tr button').first().waitFor({ state: 'visible' });
      m.listed.push(performance.now() - t0);
      // Inside the page (from its navigation start): where the time went.
      const inPage = await browser.page.evaluate(() => {
        // Runs in the browser; typed loosely, as Node's lib has no navigation or resource timing.
        type Timing = { name: string; responseEnd: number };
        const nav = performance.getEntriesByType('navigation' as never)[0] as unknown as Timing;
        const res = performance.getEntriesByType('resource' as never) as unknown as Timing[];
        const end = (part: string) => res.find((r) => r.name.includes(part))?.responseEnd ?? NaN;
        const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
        return {
          html: nav.responseEnd,
          js: Math.max(...res.filter((r) => r.name.endsWith('.js')).map((r) => r.responseEnd)),
          jsRun: mark('custos:sign-in-interactive'),
          usersResponse: end('/dev/users'),
          listRendered: mark('custos:people-listed'),
        };
      });
      m.pageHtml.push(inPage.html);
      m.pageJs.push(inPage.js);
      m.pageInteractive.push(inPage.jsRun);
      m.pageUsers.push(inPage.usersResponse);
      m.pageListed.push(inPage.listRendered);
    }
    const kb = js.bytes / 1024;
    const row = (label: string, v: number[], target?: number) =>
      `${label}: median ${median(v).toFixed(0)} ms, best ${Math.min(...v).toFixed(0)}, worst ${Math.max(...v).toFixed(0)} ` +
      `[${v.map((x) => x.toFixed(0)).join(', ')}]${target === undefined ? '' : ` (target < ${target} ms) ${median(v) < target ? 'OK' : 'OVER'}`}`;
    const lines = [
      `initial JS (gzip -9): ${kb.toFixed(1)} KB of ${BUDGET_KB} KB budget ${kb <= BUDGET_KB ? 'OK' : 'OVER'} (${js.files.join(', ')})`,
      row('index.html raw fetch', m.raw),
      row('GET /api/registry/dev/users?limit=50 raw fetch', m.users),
      row('sign-in page interactive (username form and search work)', m.interactive, 1000),
      row('sign-in page with the people listed', m.listed),
      'in the page, from navigation start:',
      row('  index.html received', m.pageHtml),
      row('  JavaScript received', m.pageJs),
      row('  sign-in rendered (custos:sign-in-interactive)', m.pageInteractive),
      row('  people list received', m.pageUsers),
      row('  people list rendered (custos:people-listed)', m.pageListed),
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
