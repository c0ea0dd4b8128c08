import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { pdfFacts } from '../src/pdf/chromium-pdf';
import { atWindowSize, horizontalFit, screenshot } from './browser';
import { type ConsoleInBrowser, rowFromMenu, signIn, startConsoleInBrowser, tableRow } from './console-stack';
import { fileCoSignedCopy, serviceCalls } from './service-calls';

const CASE_REFERENCE = 'XA-YT-2026-E2E-HEAD';
/** A4 in PostScript points; Chromium rounds to whole CSS pixels. */
const A4 = [595.28, 841.89];

/** Whether a PDF carries `text` in its metadata, as bytes or as UTF-16 (Chromium writes /Title either way). */
function pdfMentions(pdf: Buffer, text: string): boolean {
  const utf16be = Buffer.from(text, 'utf16le').swap16();
  return pdf.includes(Buffer.from(text, 'latin1')) || pdf.includes(utf16be) || pdf.toString('latin1').toUpperCase().includes(utf16be.toString('hex').toUpperCase());
}

/**
 * The approving head's console against the services as `npm start` runs them (issue 17): a
 * copy filed and co-signed by two Yanta officers reaches head.yanta's queue with names and
 * credentials; the head approves it; the approval document prints on A4 with its number and
 * a QR code, downloads as a PDF; the QR code's page, opened signed out, says valid, then revoked
 * once the head revokes, and tampered for an altered code. zh-CN, Beijing time, axe on each page.
 */
describe("the approving head's console: queue, decision, document, PDF and public verification (R17.3, R18.5)", () => {
  let run: ConsoleInBrowser;
  let requestId: string;
  let page: Page;
  let number = '';
  let qrUrl = '';

  const { api, serviceUrl, until } = serviceCalls(() => run.services);

  beforeAll(async () => {
    run = await startConsoleInBrowser('console-head');
    page = run.page;
    requestId = await fileCoSignedCopy(run.services, CASE_REFERENCE);
    // The case reaches approvals through the embedded bus.
    await until('the case in the approvals service', () =>
      api('head.yanta', 'GET', `${serviceUrl('approvals')}/v1/approval-cases/${requestId}`).then(() => true, () => undefined),
    );
    await signIn(page, run.url, 'head.yanta');
  }, 600_000);

  afterAll(() => run?.close());

  it('shows the co-signed copy in the queue with the officers by name and credential, the camera by name, the counts, the routing rule and the rule pack (R17.3, R18.2)', async () => {
    const row = await rowFromMenu(page, '审批队列', requestId);
    await row.waitFor();
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    for (const shown of ['复制', 'Li Wei', '执法证号 61011300101', 'Zhang Min', '执法证号 61011300102', 'Main entrance', 'R17.3', '县级以上公安机关负责人批准', '依据：全国条例(2025)+陕西省办法(2012)']) {
      expect([shown, text.includes(shown)]).toEqual([shown, true]);
    }
    expect(text).toMatch(/雁塔/);
    // The counts are asked for after the rows.
    const region = page.getByRole('region', { name: '待审批总数' });
    await region.filter({ hasText: /待审批总数\s*1/ }).waitFor();
    const counts = (await region.innerText()).replace(/\s+/g, ' ');
    expect(counts).toMatch(/待审批总数 1 复制 1 调取 0 直接接入 0/);
    // The head is named, not "<organ>负责人".
    expect(await page.getByTestId('who').innerText()).toContain('Zhou Yongming');
    await run.pages.see(page, 'head-queue');
  });

  it('fits the queue into a 1280×800 window: no horizontal scrolling, the rule column in view', async () => {
    const ruleCell = '.custos-cases tbody tr td:nth-child(7)';
    await atWindowSize(page, { width: 1280, height: 800 }, async () => {
      expect(await horizontalFit(page, '.custos-cases', ruleCell)).toEqual({ page: true, table: true, cellInView: true });
      expect(await page.locator(ruleCell).first().innerText()).toContain('R17.3');
      await screenshot(page, 'head-queue-1280');
    });
  });

  it('approves the case from its page and tells the document number (R17.3, R18.5)', async () => {
    await tableRow(page, requestId).getByRole('link', { name: '审阅' }).click();
    await page.getByRole('heading', { name: `审批案件 · ${CASE_REFERENCE}` }).waitFor();
    expect(await page.locator('main [data-rule-pack]').first().innerText()).toBe('依据：全国条例(2025)+陕西省办法(2012)');
    await run.pages.see(page, 'head-case');
    await page.getByRole('button', { name: '批准' }).first().click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '批准' }).click();
    const approved = page.getByText(/已批准，批准文件编号/);
    await approved.waitFor();
    number = (/编号 (\S+)/.exec(await approved.innerText()) ?? [])[1] ?? '';
    expect(number).toMatch(/^610113-\d{3}-\d{4}-\d{6}$/);
    await screenshot(page, 'head-case-approved');
  });

  it('shows the approval document as an A4 page in Chinese with its number, the officers, the camera, the rule pack it was decided under and a QR code', async () => {
    await page.getByRole('button', { name: '查看批准文件' }).click();
    await page.locator('main[data-print-ready="true"] [data-qr-ready="true"]').waitFor();
    expect(await page.getByTestId('document-number').innerText()).toBe(number);
    const paper = (await page.locator('article').innerText()).replace(/\s+/g, ' ');
    for (const shown of ['视频图像信息复制批准文件', '批准人：Zhou Yongming', 'Li Wei', '61011300101', 'Zhang Min', 'Main entrance', CASE_REFERENCE, '北京时间', '数字签名', '《公共安全视频图像信息系统管理条例》(2025)、《陕西省公共安全视频图像信息系统管理办法》(2012)（CN2025+SX2012']) {
      expect([shown, paper.includes(shown)]).toEqual([shown, true]);
    }
    expect(await page.getByRole('img', { name: `核验二维码，编号 ${number}` }).locator('svg').count()).toBe(1);
    qrUrl = (await page.locator('[data-qr-text]').getAttribute('data-qr-text')) ?? '';
    expect(qrUrl.startsWith(`${run.url}/verify?d=`)).toBe(true);
    await run.pages.see(page, 'head-document');
  });

  it('downloads the document as a one-page A4 PDF that names its number', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: '下载 PDF' }).click()]);
    expect(download.suggestedFilename()).toBe(`${number}.pdf`);
    const pdf = fs.readFileSync((await download.path())!);
    const facts = pdfFacts(pdf);
    expect(facts.isPdf).toBe(true);
    expect(facts.pages).toBe(1);
    const [width, height] = facts.mediaBoxes[0].slice(2);
    expect([Math.abs(width - A4[0]) < 1.5, Math.abs(height - A4[1]) < 1.5]).toEqual([true, true]);
    expect(pdfMentions(pdf, number)).toBe(true);
  }, 180_000);

  it('says valid when the QR code is opened signed out on another device, revoked once the head revokes, tampered for an altered code (R18.5)', async () => {
    const phone = await run.browser.context.newPage();
    await phone.goto(qrUrl);
    const status = phone.getByTestId('verification-status');
    await status.waitFor();
    expect(await status.innerText()).toBe('有效');
    expect((await phone.locator('main').innerText()).replace(/\s+/g, ' ')).toContain(number);
    await run.pages.see(phone, 'verify-valid');

    await page.goto(`${run.url}/head/cases/${requestId}`);
    await page.getByLabel('撤销理由').fill('案件已撤销，不再需要该录像');
    await page.getByRole('button', { name: '撤销批准文件' }).click();
    await page.getByText(/批准文件已于 .* 撤销：案件已撤销/).waitFor();
    await screenshot(page, 'head-case-revoked');

    await phone.reload();
    await status.waitFor();
    expect(await status.innerText()).toBe('已撤销');
    await run.pages.see(phone, 'verify-revoked');

    const url = new URL(qrUrl);
    const s = url.searchParams.get('s')!;
    url.searchParams.set('s', (s[0] === 'A' ? 'B' : 'A') + s.slice(1));
    await phone.goto(url.toString());
    await status.waitFor();
    expect(await status.innerText()).toBe('已被篡改或伪造');
    await run.pages.see(phone, 'verify-tampered');
    await phone.close();
  });

  it("pushes a colleague's new request into the co-signer's inbox without a reload (issue 18: counts by server-sent events, R18.1)", async () => {
    const zhang = await run.browser.context.newPage();
    await signIn(zhang, run.url, 'officer.zhang');
    const badge = zhang.locator('[role="menuitem"] [data-inbox="coSign"]');
    const home = zhang.locator('li[data-inbox="coSign"]');
    await home.waitFor();
    const before = Number(await badge.getAttribute('data-inbox-count'));
    await zhang.evaluate('window.notReloaded = true');
    const now = Date.now();
    await api('officer.li', 'POST', `${serviceUrl('requests')}/v1/requests`, {
      kind: 'COPY',
      caseReference: `${CASE_REFERENCE}-INBOX`,
      purpose: '雁塔区抢夺案：补充调取',
      cameraIds: ['cam-mall-main-entrance'],
      window: { from: new Date(now - 5 * 3_600_000).toISOString(), to: new Date(now - 4 * 3_600_000).toISOString() },
    });
    await zhang.locator(`[role="menuitem"] [data-inbox="coSign"][data-inbox-count="${before + 1}"]`).waitFor({ timeout: 30_000 });
    expect((await badge.innerText()).replace(/\s+/g, ' ')).toBe(`待我会签 ${before + 1}`);
    expect((await home.innerText()).replace(/\s+/g, ' ')).toBe(`待我会签的申请：${before + 1} 件`);
    expect(await zhang.evaluate('window.notReloaded')).toBe(true);
    await run.pages.see(zhang, 'inbox-co-sign-badge');
    await zhang.close();
  });

  it('has no serious or critical accessibility violation on any of these pages (axe-core)', () => {
    run.pages.expectAccessible(['head-queue', 'head-case', 'head-document', 'verify-valid', 'verify-revoked', 'verify-tampered', 'inbox-co-sign-badge']);
  });
});
