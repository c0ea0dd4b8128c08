import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { generateNoteKeys } from '../../../libs/ledger-core/src';
import { pdfFacts } from '../src/pdf/chromium-pdf';
import { pdfText } from '../src/pdf/pdf-text';
import { CONSOLE_SERVICES, type ConsoleInBrowser, openFromMenu, rowFromMenu, signIn, startConsoleInBrowser } from './console-stack';
import { fileCoSignedCopy, serviceCalls } from './service-calls';

const CASE_REFERENCE = 'XA-YT-2026-E2E-OVERSIGHT';

interface Bundle {
  origin: string;
  publicKey: string;
  checkpoint: string;
  items: { leafIndex: number; entry: string; inclusionProof: string[] }[];
}

/** Drops `text` as a file named `name` on the page's drop zone, as a person dragging it from their desktop. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ([fileName, content]) => {
      // Evaluated in the page (DOM types are not in this Node project's lib).
      const dom = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (parts: string[], name: string, options: { type: string }) => unknown;
      };
      const transfer = new dom.DataTransfer();
      transfer.items.add(new dom.File([content], fileName, { type: 'application/json' }));
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
 * request filed, co-signed, approved and exported is in the ledger. oversight.shaanxi opens the
 * explorer (checkpoint signature and the request's inclusion proofs verified in the browser),
 * verifies the request's evidence bundle in the browser against the pinned ledger key (valid),
 * then the same bundle with one entry altered (failed, at that item and its ledger index), then
 * the package's chain of custody, its printed report and the PDF. zh-CN, axe on each page.
 */
describe("the oversight body's console: ledger explorer, verify in the browser, chain of custody and its PDF report (R19.1, R18.5, issue 18)", () => {
  let run: ConsoleInBrowser;
  let page: Page;
  let requestId: string;
  let bundle: Bundle;
  let evidenceItemId = '';
  let documentNumber = '';
  const { api, serviceUrl, until, ingest } = serviceCalls(() => run.services);

  beforeAll(async () => {
    // Two requests by the same officer pair raise a figure here (R27.1), so the anomalies page has one to show.
    run = await startConsoleInBrowser('console-oversight', {
      services: [...CONSOLE_SERVICES, 'oversight'],
      overrides: { ledger: { LEDGER_CHECKPOINT_INTERVAL_MS: '300' }, oversight: { ANOMALY_REPEATED_PAIR: '2' } },
    });
    page = run.page;
    const now = Date.now();
    requestId = await fileCoSignedCopy(run.services, CASE_REFERENCE, now);
    // Filed and co-signed, both in the ledger under a signed checkpoint.
    bundle = await until("the request's events under a signed checkpoint", async () => {
      const found = await api<Bundle>('oversight.shaanxi', 'GET', `${serviceUrl('ledger')}/v1/ledger/aggregates/${requestId}/evidence-bundle`).catch(() => undefined);
      return found && found.items.length >= 2 ? found : undefined;
    });
    // Approved, the footage ingested and exported: an evidence item whose chain oversight audits.
    const { signedDocument } = await until('the case in the approvals service', () =>
      api<{ signedDocument: unknown }>('head.yanta', 'POST', `${serviceUrl('approvals')}/v1/approval-cases/${requestId}/approve`, {}).catch(() => undefined),
    );
    expect(await ingest('cam-mall-main-entrance', now - 3 * 3_600_000 + 60_000, `e2e-oversight-${now}`)).toBeLessThan(300);
    const { exportId } = await api<{ exportId: string }>('operator.mall', 'POST', `${serviceUrl('storage')}/v1/footage/exports`, { approval: signedDocument });
    const itemsAs = (username: string) =>
      api<{ items: { evidenceItemId: string; exportId: string; approvalDocumentNumber: string }[] }>(username, 'GET', `${serviceUrl('custody')}/v1/evidence-items`).then(
        (page) => page.items,
        () => [],
      );
    ({ evidenceItemId, approvalDocumentNumber: documentNumber } = await until(
      `the evidence item of export ${exportId} in custody`,
      async () => (await itemsAs('officer.li')).find((it) => it.exportId === exportId),
      120_000,
    ));
    // Handed over to the requesting organ (two officers, R18.1): custody then records the owner's
    // division, which is what puts the item in the provincial oversight body's view (R5.1).
    const handOvers = `${serviceUrl('custody')}/v1/evidence-items/${evidenceItemId}/hand-overs`;
    const initiated = await api<{ handOverId?: string }>('officer.li', 'POST', handOvers, { approval: signedDocument, purpose: '案件审查' });
    let handOverId = initiated.handOverId;
    if (!handOverId) {
      const chain = await api<{ steps: { step: string; handOverId?: string }[] }>('officer.li', 'GET', `${serviceUrl('custody')}/v1/evidence-items/${evidenceItemId}/timeline`);
      handOverId = chain.steps.find((step) => step.step === 'HAND_OVER_INITIATED')!.handOverId!;
    }
    // The filer confirming their own hand-over is refused (R18.1: a second officer): a refusal oversight lists.
    const selfConfirmed = await fetch(`${handOvers}/${handOverId}/confirmation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await run.services.tokenOf('officer.li')}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(selfConfirmed.status).toBe(403);
    await api('officer.zhang', 'POST', `${handOvers}/${handOverId}/confirmation`, {});
    await until('the handed-over item in the oversight body’s view', async () => (await itemsAs('oversight.shaanxi')).some((it) => it.evidenceItemId === evidenceItemId) || undefined);
    await until('the evidence item under a signed checkpoint', async () => {
      const history = `${serviceUrl('ledger')}/v1/ledger/aggregates/${encodeURIComponent(`evidence-item:${evidenceItemId}`)}/history`;
      const found = await api<{ items: unknown[] }>('oversight.shaanxi', 'GET', history).catch(() => undefined);
      return found && found.items.length > 0 ? true : undefined;
    });
    await signIn(page, run.url, 'oversight.shaanxi');
  }, 600_000);

  afterAll(() => run?.close());

  it("shows the latest checkpoint verified here, the ledger's gap status, and a request's entries with their inclusion proofs verified here", async () => {
    await openFromMenu(page, '账本浏览');
    await page.getByTestId('checkpoint-signature').waitFor();
    expect(await page.getByTestId('checkpoint-signature').innerText()).toBe('已用账本服务自报的公钥在本机验证（公钥未固定）');
    expect(await page.getByText('尚未固定账本公钥').count()).toBe(1);
    expect(await page.getByTestId('gap-status').innerText()).toMatch(/各服务事件序号连续|未关闭的缺口告警/);
    await page.getByLabel('申请编号或证据包编号').fill(requestId);
    await page.getByRole('button', { name: '查看' }).click();
    const proofs = page.locator('[data-proof]');
    await proofs.first().waitFor();
    const verdicts = await proofs.evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-proof')));
    expect(verdicts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(verdicts)).toEqual(new Set(['ok']));
    await run.pages.see(page, 'oversight-explorer');
  });

  it("verifies the request's evidence bundle in the browser against the pinned ledger key", async () => {
    await openFromMenu(page, '在浏览器中核验');
    await page.getByRole('button', { name: '取账本服务当前公钥' }).click();
    await page.getByText('此公钥来自账本服务本身').waitFor();
    expect(await page.getByLabel('已固定的账本公钥').inputValue()).toBe(bundle.publicKey);
    await dropFile(page, `evidence-bundle-${requestId}.json`, JSON.stringify(bundle));
    const verdict = page.getByTestId('verify-verdict');
    await verdict.waitFor();
    expect(await verdict.innerText()).toBe('核验通过');
    const main = (await page.getByTestId('verify-page').innerText()).replace(/\s+/g, ' ');
    expect(main).toContain(`证据包：${bundle.items.length} 个条目均包含在大小为`);
    await run.pages.see(page, 'oversight-verify-ok');
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
    await run.pages.see(page, 'oversight-verify-tampered');
  });

  it('refuses a bundle signed under another key than the pinned one, signed out too (/verify-ledger)', async () => {
    const court = await run.browser.context.newPage();
    await court.goto(`${run.url}/verify-ledger`);
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
    // The pin is this browser's (shared by its tabs): back to the ledger's key for what follows.
    await court.getByLabel('已固定的账本公钥').fill(bundle.publicKey);
    await court.getByRole('button', { name: '固定' }).click();
    await court.close();
  });

  it("shows the package's chain of custody with names, the package hash and its ledger entries proven here", async () => {
    const row = await rowFromMenu(page, '证据保管链', evidenceItemId);
    await row.waitFor();
    expect(await row.innerText()).toContain(documentNumber);
    await run.pages.see(page, 'oversight-evidence-list');
    await row.getByRole('link', { name: '保管链' }).click();
    await page.getByRole('heading', { name: `证据保管链 · ${documentNumber}` }).waitFor();
    await page.getByTestId('ledger-proofs').waitFor();
    expect(await page.getByTestId('ledger-proofs').innerText()).toMatch(/个账本条目的包含证明均已在本机验证/);
    expect(await page.getByTestId('package-hash').innerText()).toMatch(/^[0-9a-f]{64}$/);
    // The names come from the registry in a query of their own, which may answer after the proofs.
    const stepsTable = page.locator('.ant-table-tbody').first();
    await stepsTable.getByText(/Li Wei/).first().waitFor();
    const steps = (await stepsTable.innerText()).replace(/\s+/g, ' ');
    expect(steps).toContain('导出视频资料');
    expect(steps).toMatch(/Li Wei/);
    await run.pages.see(page, 'oversight-evidence-timeline');
  });

  it('prints the chain-of-custody report in Chinese with the hashes, the signed checkpoint and a QR code to the evidence bundle, and downloads it as PDF', async () => {
    await page.getByRole('link', { name: '保管链报告（可打印）' }).click();
    await page.locator('main[data-print-ready="true"] [data-qr-ready="true"]').waitFor();
    const paper = (await page.locator('article').innerText()).replace(/\s+/g, ' ');
    for (const shown of ['视频资料证据保管链报告', documentNumber, '包哈希（SHA-256，导出时记录）', '账本签名检查点', '— ', '北京时间']) {
      expect([shown, paper.includes(shown)]).toEqual([shown, true]);
    }
    expect(await page.locator('[data-qr-text]').getAttribute('data-qr-text')).toBe(
      `${run.url}/api/ledger/v1/ledger/aggregates/${encodeURIComponent(`evidence-item:${evidenceItemId}`)}/evidence-bundle`,
    );
    await run.pages.see(page, 'oversight-custody-report');
    await page.getByRole('link', { name: '返回保管链' }).click();
    await page.getByRole('heading', { name: `证据保管链 · ${documentNumber}` }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: '下载 PDF' }).click()]);
    const pdf = fs.readFileSync((await download.path())!);
    const facts = pdfFacts(pdf);
    expect(facts.isPdf).toBe(true);
    expect(facts.pages).toBeGreaterThanOrEqual(1);
  }, 180_000);

  it('lists an anomaly with its ledger entries proven by the ledger, and downloads the jurisdiction’s report as a PDF in Chinese with its charts and figures (R27.1, issue 20)', async () => {
    const as = (username: string, path: string, body: object) => api<{ requestId: string }>(username, 'POST', `${serviceUrl('requests')}${path}`, body);
    const hour = 3_600_000;
    const second = await as('officer.li', '/v1/requests', {
      kind: 'VIEW', caseReference: CASE_REFERENCE, purpose: '雁塔区抢夺案：复看东门', cameraIds: ['cam-mall-main-entrance'],
      window: { from: new Date(Date.now() - 3 * hour).toISOString(), to: new Date(Date.now() - 2 * hour).toISOString() },
    });
    await as('officer.zhang', `/v1/requests/${second.requestId}/co-sign`, {});
    await openFromMenu(page, '异常情况', '异常情况（第二十七条）');
    const row = page.locator('tr', { hasText: '同一对民警反复共同申请' });
    for (let i = 0; (await row.count()) === 0; i++) {
      if (i > 120) throw new Error('the repeated officer pair never showed');
      await page.getByRole('button', { name: '查询' }).click();
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(await row.getByTestId('anomaly-entry').count()).toBe(2);
    await row.getByTestId('anomaly-entry').first().click();
    await row.getByText(/包含证明：第 \d+ 条，树大小 \d+/).waitFor();
    await run.pages.see(page, 'oversight-anomalies');
    await page.getByRole('menuitem', { name: '监督报告' }).click();
    await page.getByTestId('ovchart-ACCESSES_BY_ORGAN_MONTH').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('report-pdf').click()]);
    const text = pdfText(fs.readFileSync((await download.path())!));
    for (const heading of ['公共安全视频图像信息系统监督报告', '按条款统计的发现问题', '责令改正及其状态', '各机关每月调阅次数', '批准至履行所需时间', '异常情况']) {
      expect([heading, text.includes(heading)]).toEqual([heading, true]);
    }
    // A figure and its ledger entry: the hand-over to the Yanta PSB counted in this month's accesses.
    const day = 24 * hour;
    const report = (await (
      await fetch(`${run.url}/api/oversight/v1/reports?from=${new Date(Date.now() - day).toISOString()}&to=${new Date(Date.now() + day).toISOString()}`, {
        headers: { authorization: `Bearer ${await run.services.tokenOf('oversight.shaanxi')}` },
      })
    ).json()) as { rows: { section: string; key: string; count: number; evidence: { service: string; sequence: number }[] }[] };
    const month = report.rows.find((r) => r.section === 'ACCESSES_BY_ORGAN_MONTH')!;
    expect(month.evidence[0].service).toBe('custody');
    expect(text).toContain(`custody#${month.evidence[0].sequence}`);
  }, 240_000);

  it('lists the refusals across packages with filters, by name, each linked to its chain of custody (R26.1, R27.1)', async () => {
    await openFromMenu(page, '拒绝记录');
    const row = page.locator(`tr[data-refusal="${evidenceItemId}"]`);
    await row.getByText('Yanta District Public Security Sub-bureau').waitFor();
    expect((await row.innerText()).replace(/\s+/g, ' ')).toMatch(/确认交接 Li Wei（61011300101）[^]* Yanta District Public Security Sub-bureau[^]* R18\.1 CUSTOS_R18_1_SAME_OFFICER_TWICE /);
    const choose = async (label: string, option: string) => {
      await page.getByRole('combobox', { name: label }).click();
      await page.locator('.ant-select-item-option', { hasText: option }).first().click();
    };
    await choose('条款', 'R18.1');
    await choose('被拒绝的单位', 'Yanta District Public Security Sub-bureau');
    await choose('时间', '最近 24 小时');
    await row.waitFor();
    // Every dropdown closed (two may still be leaving at once), so that axe sees the page alone.
    // (As text: the tests' TypeScript has no DOM library.)
    await page.waitForFunction(`document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').length === 0`);
    await run.pages.see(page, 'oversight-refusals');
    await row.getByRole('link', { name: documentNumber }).click();
    await page.getByRole('heading', { name: `证据保管链 · ${documentNumber}` }).waitFor();
  });

  it('refuses the PDF report without a token (401, coded)', async () => {
    const res = await fetch(`${run.url}/pdf/custody-reports/${evidenceItemId}`);
    expect([res.status, ((await res.json()) as { code: string }).code]).toEqual([401, 'CUSTOS_AUTH_TOKEN_MISSING']);
  });

  it('lists a mandatory site without a system, overdue, with the rule of its category (R7.2)', async () => {
    const res = await fetch(`${serviceUrl('registry')}/v1/mandatory-sites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await run.services.tokenOf('admin.shaanxi')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'site-e2e-market', name: '小寨农贸市场', category: 'LOGISTICS_RESERVES_MARKETS', address: '雁塔区小寨东路', divisionCode: '610113', dutySince: '2025-01-01T00:00:00+08:00' }),
    });
    expect(res.status).toBe(201);
    const row = await rowFromMenu(page, '应建未建场所', 'site-e2e-market');
    await row.waitFor();
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    for (const shown of ['小寨农贸市场', 'R7.2', '物流中心', '2025-01-01', '已逾期']) expect([shown, text.includes(shown)]).toEqual([shown, true]);
    await run.pages.see(page, 'oversight-mandatory-sites');
  });

  it('has no serious or critical accessibility violation on any of these pages (axe-core)', () => {
    run.pages.expectAccessible(['oversight-explorer', 'oversight-verify-ok', 'oversight-verify-tampered', 'oversight-evidence-list', 'oversight-evidence-timeline', 'oversight-custody-report', 'oversight-anomalies', 'oversight-mandatory-sites', 'oversight-refusals']);
  });
});
