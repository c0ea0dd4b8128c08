import type { Page } from 'playwright-core';
import { generateNoteKeys } from '../../../libs/ledger-core/src';
import { startConsoleGateway, type ConsoleGateway } from '../src/gateway';
import { ensureWebBuilt, WEB_DIST } from '../src/web-build';
import { startEmbeddedServices, type RunningServices } from '../../../deploy/embedded/embedded-services.test-support';
import { openConsoleBrowser, screenshot, seriousAxeViolations, type ConsoleBrowser } from './browser';

const SERVICES = ['registry', 'requests', 'approvals', 'custody', 'storage', 'ledger'];
const CASE_REFERENCE = 'XA-YT-2026-E2E-OVERSIGHT';

interface Bundle {
  origin: string;
  publicKey: string;
  checkpoint: string;
  items: { leafIndex: number; entry: string; inclusionProof: string[] }[];
}

async function seen(page: Page, name: string): Promise<string[]> {
  await screenshot(page, name);
  return seriousAxeViolations(page);
}

/** Drops `text` as a file named `name` on the page's drop zone, as a person dragging it from their desktop. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ([fileName, content]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], fileName, { type: 'application/json' }));
      return transfer;
    },
    [name, text] as const,
  );
  await page.getByTestId('verify-drop').dispatchEvent('drop', { dataTransfer });
}

/** The bundle with one entry altered (a character of its JSON changed), its proofs left as they were. */
function tamperedAt(bundle: Bundle, item: number): Bundle {
  const items = bundle.items.map((it, k) => {
    if (k !== item) return it;
    const entry = Buffer.from(it.entry, 'base64').toString('utf8').replace('"', "'");
    return { ...it, entry: Buffer.from(entry, 'utf8').toString('base64') };
  });
  return { ...bundle, items };
}

/**
 * The oversight body's console against the services as `npm start` runs them (issue 18): a
 * request filed and co-signed by two officers is in the ledger; oversight.shaanxi verifies its
 * evidence bundle in the browser against the pinned ledger key (valid), then the same bundle
 * with one entry altered (failed, at that item and its ledger index). zh-CN, axe on each page.
 */
describe("the oversight body's console: verify in the browser (R19.1, issue 18)", () => {
  let stack: RunningServices;
  let gateway: ConsoleGateway;
  let browser: ConsoleBrowser;
  let page: Page;
  let requestId: string;
  let bundle: Bundle;
  const axe: Record<string, string[]> = {};

  beforeAll(async () => {
    ensureWebBuilt();
    stack = await startEmbeddedServices('console-oversight', SERVICES, { ledger: { LEDGER_CHECKPOINT_INTERVAL_MS: '300' } });
    const url = (s: string) => stack.services.get(s)!.url;
    const call = async (username: string, path: string, body: object) => {
      const res = await fetch(path, {
        method: 'POST',
        headers: { authorization: `Bearer ${await stack.tokenOf(username)}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<{ requestId: string }>;
    };
    const now = Date.now();
    requestId = (
      await call('officer.li', `${url('requests')}/requests`, {
        kind: 'COPY',
        caseReference: CASE_REFERENCE,
        purpose: '雁塔区抢夺案：嫌疑人自商场东门离开',
        cameraIds: ['cam-mall-main-entrance'],
        window: { from: new Date(now - 3 * 3_600_000).toISOString(), to: new Date(now - 2 * 3_600_000).toISOString() },
      })
    ).requestId;
    await call('officer.zhang', `${url('requests')}/requests/${requestId}/co-sign`, {});
    // Filed and co-signed, both in the ledger under a signed checkpoint.
    const oversight = await stack.tokenOf('oversight.shaanxi');
    for (let i = 0; ; i++) {
      const res = await fetch(`${url('ledger')}/ledger/aggregates/${requestId}/evidence-bundle`, { headers: { authorization: `Bearer ${oversight}` } });
      if (res.ok) {
        bundle = (await res.json()) as Bundle;
        if (bundle.items.length >= 2) break;
      }
      if (i > 600) throw new Error(`the request's events never reached a signed checkpoint: ${res.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    gateway = await startConsoleGateway({
      webRoot: WEB_DIST,
      upstreams: Object.fromEntries([...stack.services.values()].map((s) => [s.name, s.url])),
      client: { mode: 'embedded', timeZone: 'Asia/Shanghai' },
      port: 0,
    });
    browser = await openConsoleBrowser();
    page = browser.page;
    await page.goto(gateway.url);
    await page.locator('tr[data-username="oversight.shaanxi"]').getByRole('button').click();
    await page.getByRole('heading', { name: /欢迎/ }).waitFor();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await stack?.close();
  });

  it("verifies the request's evidence bundle in the browser against the pinned ledger key", async () => {
    await page.getByRole('menuitem', { name: '在浏览器中核验' }).click();
    await page.getByRole('heading', { name: '在浏览器中核验' }).waitFor();
    await page.getByRole('button', { name: '取账本服务当前公钥' }).click();
    await page.getByText('此公钥来自账本服务本身').waitFor();
    expect(await page.getByLabel('已固定的账本公钥').inputValue()).toBe(bundle.publicKey);
    await dropFile(page, `evidence-bundle-${requestId}.json`, JSON.stringify(bundle));
    const verdict = page.getByTestId('verify-verdict');
    await verdict.waitFor();
    expect(await verdict.innerText()).toBe('核验通过');
    const main = (await page.getByTestId('verify-page').innerText()).replace(/\s+/g, ' ');
    expect(main).toContain(`证据包：${bundle.items.length} 个条目均包含在大小为`);
    axe.verifyOk = await seen(page, 'oversight-verify-ok');
  });

  it('shows a bundle with one entry altered as failed at that item and its ledger index', async () => {
    const item = bundle.items.length - 1;
    await dropFile(page, 'evidence-bundle-tampered.json', JSON.stringify(tamperedAt(bundle, item)));
    const verdict = page.getByTestId('verify-verdict');
    await page.getByText('核验失败').waitFor();
    expect(await verdict.innerText()).toBe('核验失败');
    expect(await page.getByTestId('verify-where').allInnerTexts()).toEqual([
      `首个分歧：证据包第 ${item} 项（账本条目 索引 ${bundle.items[item].leafIndex}）`,
    ]);
    const main = (await page.getByTestId('verify-page').innerText()).replace(/\s+/g, ' ');
    expect(main).toContain('INCLUSION_PROOF_INVALID');
    expect(main).toContain('条目不在签名检查点所证明的账本中');
    axe.verifyTampered = await seen(page, 'oversight-verify-tampered');
  });

  it('refuses a bundle signed under another key than the pinned one, signed out too (/verify-ledger)', async () => {
    const court = await browser.context.newPage();
    await court.goto(`${gateway.url}/verify-ledger`);
    await court.getByRole('heading', { name: '在浏览器中核验' }).waitFor();
    // A key of the same name, not the ledger's: what a forger re-signing the log would ship.
    const other = generateNoteKeys(bundle.publicKey.split('+')[0]).verifierKey;
    await court.getByLabel('已固定的账本公钥').fill(other);
    await court.getByRole('button', { name: '固定' }).click();
    await dropFile(court, 'evidence-bundle.json', JSON.stringify(bundle));
    await court.getByText('核验失败').waitFor();
    const main = (await court.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(main).toContain('PUBLIC_KEY_NOT_TRUSTED');
    expect(main).toContain('文件使用的公钥不是已固定的账本公钥');
    await court.close();
  });

  it('has no serious or critical accessibility violation on any of these pages (axe-core)', () => {
    expect(axe).toEqual({ verifyOk: [], verifyTampered: [] });
  });
});
