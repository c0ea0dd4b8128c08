import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { Page } from 'playwright-core';
import { openAt, signIn, startConsoleInBrowser, tableRow, type ConsoleInBrowser } from './console-stack';
import { serviceCalls } from './service-calls';

dayjs.extend(utc);
dayjs.extend(timezone);

const HOUR = 3_600_000;
const runId = Date.now().toString(36);

/** A `datetime-local` value in Beijing time, `hours` from now. */
const beijing = (hours: number) => dayjs(Date.now() + hours * HOUR).tz('Asia/Shanghai').format('YYYY-MM-DDTHH:mm');

/**
 * The officer's console (issue 17, Officer) as `npm start` serves it, in Chinese and Beijing
 * time: file, co-sign, the timeline after approval, a viewing session played in the console,
 * and a hand-over attested with a hash computed in the browser. The approving head, the owner's
 * operator and the second officer act through the APIs, as their own consoles would.
 */
describe('the officer console: file, co-sign, timeline, viewing and hand-over in Chinese (embedded mode)', () => {
  let run: ConsoleInBrowser;
  let page: Page;
  let copyId = '';
  let signedDocument: { document: { number: string } } | undefined;

  const { serviceUrl, api, until, ingest: ingestAs } = serviceCalls(() => run.services);
  /** The owner's operator stores a clip as a camera's footage in a window (R16.3). */
  async function ingest(cameraId: string, from: number, segmentId: string) {
    expect(await ingestAs(cameraId, from, segmentId)).toBeLessThan(300);
  }

  const signInAs = (username: string) => signIn(page, run.url, username);
  async function open(pathname: string, heading: string | RegExp) {
    await openAt(page, run.url, pathname, heading);
  }
  async function fillRequest(kind: string, camera: string, from: string, to: string, caseReference: string) {
    await page.getByText(kind, { exact: true }).click();
    const cameras = page.getByRole('combobox', { name: '摄像机' });
    await cameras.click();
    await cameras.fill(camera);
    await page.locator('.ant-select-item-option', { hasText: camera }).first().click();
    await page.keyboard.press('Escape');
    await page.getByLabel('开始时间（北京时间）').or(page.getByLabel('接入开始（北京时间）')).fill(from);
    await page.getByLabel('结束时间（北京时间）').or(page.getByLabel('接入结束（北京时间）')).fill(to);
    await page.getByLabel('案件编号').fill(caseReference);
    await page.getByLabel('用途').fill('e2e: trace the suspect leaving by the east entrance');
    await page.getByRole('button', { name: '提交申请' }).click();
  }

  beforeAll(async () => {
    run = await startConsoleInBrowser('console-officer');
    page = run.page;
  }, 600_000);

  afterAll(() => run?.close());

  it('files a COPY of a camera found by name, in Beijing time, and sees it in my requests awaiting co-signature (R17.1, R18.1)', async () => {
    await signInAs('officer.li');
    await open('/officer/file', '提出调阅申请');
    await run.pages.see(page, 'officer-file-request');
    await fillRequest('复制', 'Main entrance', beijing(-5), beijing(-4), `E2E-${runId}-COPY`);
    const filed = page.getByRole('status').filter({ hasText: '申请已提交' });
    await filed.waitFor();
    copyId = (await filed.getByRole('link').getAttribute('href'))!.split('/').pop()!;
    const request = await api<{ window: { from: string }; cameraIds: string[] }>('officer.li', 'GET', `${serviceUrl('requests')}/v1/requests/${copyId}`);
    // 5 hours ago in Beijing, to the minute, whatever the machine's zone.
    expect(Math.abs(Date.parse(request.window.from) - (Date.now() - 5 * HOUR))).toBeLessThan(2 * 60_000);
    expect(request.cameraIds).toEqual(['cam-mall-main-entrance']);

    await open('/officer/requests', '我的申请');
    const row = tableRow(page, copyId);
    await row.getByText('Li Wei').waitFor();
    expect(await row.innerText()).toMatch(/复制[\s\S]*待会签[\s\S]*Li Wei[\s\S]*E2E-/);
    await run.pages.see(page, 'officer-my-requests');
  });

  it('shows a refused direct access in plain Chinese with the rule it cites (R17.4)', async () => {
    await signInAs('officer.zhou');
    await open('/officer/file', '提出调阅申请');
    await fillRequest('直接接入', 'Main entrance', beijing(1), beijing(5), `E2E-${runId}-DA`);
    const alert = page.getByRole('alert').filter({ hasText: '申请被拒绝' });
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain('只有公安机关和国家安全机关可以申请直接接入');
    expect(text).toContain('依据：R17.4（第17条）');
    expect(text).toContain('CUSTOS_R17_4_DIRECT_ACCESS_NOT_ALLOWED');
    await run.pages.see(page, 'officer-refusal');
  });

  it("co-signs a colleague's request with the credential shown (R18.1, R18.2)", async () => {
    await signInAs('officer.zhang');
    await open('/officer/co-sign', '待我会签');
    const row = tableRow(page, copyId);
    await row.getByText('Li Wei').waitFor();
    await run.pages.see(page, 'officer-co-sign');
    await row.getByRole('button', { name: '以执法证 61011300102 会签' }).click();
    await page.getByRole('status').filter({ hasText: '已会签：待审批' }).waitFor();
    const request = await api<{ credentialNumbers: string[] }>('officer.zhang', 'GET', `${serviceUrl('requests')}/v1/requests/${copyId}`);
    expect(request.credentialNumbers).toEqual(['61011300101', '61011300102']);
  });

  it('shows the timeline after approval: filed, co-signed, routed by R17.3, approved under its rule pack, each with time and names (R17.3, R26.1)', async () => {
    await until('the approval case', async () => {
      const queue = await api<{ items: { requestId: string }[] }>('head.yanta', 'GET', `${serviceUrl('approvals')}/v1/approval-cases?limit=200`);
      return queue.items.some((c) => c.requestId === copyId) || undefined;
    });
    ({ signedDocument } = await api<{ signedDocument: { document: { number: string } } }>('head.yanta', 'POST', `${serviceUrl('approvals')}/v1/approval-cases/${copyId}/approve`, {}));
    await until('the decision in the requests service', async () => {
      const r = await api<{ status: string }>('officer.li', 'GET', `${serviceUrl('requests')}/v1/requests/${copyId}`);
      return r.status === 'APPROVED' || undefined;
    });
    await signInAs('officer.li');
    await open(`/officer/requests/${copyId}`, /申请详情/);
    await page.locator('[data-step="APPROVED"]').waitFor();
    await page.locator('[data-step="CO_SIGNED"]', { hasText: 'Zhang Min' }).waitFor();
    const step = async (name: string) => page.locator(`[data-step="${name}"]`).first().innerText();
    expect(await step('FILED')).toContain('Li Wei（Yanta District Public Security Sub-bureau (雁塔分局)）提交申请，出示执法证 61011300101');
    expect(await step('CO_SIGNED')).toContain('Zhang Min（Yanta District Public Security Sub-bureau (雁塔分局)）会签，出示执法证 61011300102');
    expect(await step('ROUTED')).toContain('依据 R17.3');
    expect(await step('APPROVED')).toContain(signedDocument!.document.number);
    // The text the decision was taken under (issue 21), in Chinese; the full titles, id and version on hover.
    expect(await step('APPROVED')).toContain('依据：全国条例(2025)+陕西省办法(2012)');
    expect(await page.locator('[data-step="APPROVED"] [data-rule-pack]').getAttribute('title')).toMatch(
      /^《公共安全视频图像信息系统管理条例》\(2025\)、《陕西省公共安全视频图像信息系统管理办法》\(2012\) · CN2025\+SX2012 \S+$/,
    );
    expect(await step('FILED')).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    expect(await page.locator('[data-step]').count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByText('Main entrance（Saige mall public areas').count()).toBe(1);
    await run.pages.see(page, 'officer-request-timeline');
  });

  it('joins a viewing session, sees when it closes, and plays the footage in the console by range requests (R18.1–R18.4)', async () => {
    const from = Date.now() - 3 * HOUR;
    const filed = await api<{ requestId: string }>('officer.li', 'POST', `${serviceUrl('requests')}/v1/requests`, {
      kind: 'VIEW',
      caseReference: `E2E-${runId}-VIEW`,
      purpose: 'e2e: watch the atrium',
      cameraIds: ['cam-mall-atrium'],
      window: { from: new Date(from).toISOString(), to: new Date(from + HOUR).toISOString() },
    });
    await api('officer.zhang', 'POST', `${serviceUrl('requests')}/v1/requests/${filed.requestId}/co-sign`, {});
    await ingest('cam-mall-atrium', from + 60_000, `e2e-${runId}-view`);
    await until('the VIEW request in custody', async () => {
      const known = await api<{ items: { requestId: string }[] }>('operator.mall', 'GET', `${serviceUrl('custody')}/v1/view-requests`);
      return known.items.some((r) => r.requestId === filed.requestId) || undefined;
    });
    const session = await api<{ sessionId: string; expiresAt: string }>('operator.mall', 'POST', `${serviceUrl('custody')}/v1/viewing-sessions`, {
      requestId: filed.requestId,
      durationMinutes: 30,
    });
    await api('officer.zhang', 'POST', `${serviceUrl('custody')}/v1/viewing-sessions/${session.sessionId}/join`);

    await open('/officer/viewing', '查看视频');
    const item = page.locator(`[data-session-id="${session.sessionId}"]`);
    await item.waitFor();
    expect(await item.innerText()).toContain(`关闭时间：${dayjs(session.expiresAt).tz('Asia/Shanghai').format('YYYY-MM-DD HH:mm:ss')}`);
    await item.getByRole('button', { name: '加入查看' }).click();
    await item.getByRole('button', { name: '播放' }).click();
    const video = item.locator('video[data-segment]');
    await video.first().waitFor();
    // The browser fetched the footage's metadata through the gateway by range request.
    const readyState = () => video.first().evaluate((v) => (v as unknown as { readyState: number }).readyState);
    await until('the video metadata', async () => ((await readyState()) >= 1 ? true : undefined), 30_000);
    expect(await item.innerText()).toContain('Li Wei（61011300101）');
    await run.pages.see(page, 'officer-viewing');
  });

  it('takes over a package on the approval document and receives it, attesting a hash computed in the browser from the downloaded file (R18.1, R18.5)', async () => {
    const request = await api<{ window: { from: string } }>('officer.li', 'GET', `${serviceUrl('requests')}/v1/requests/${copyId}`);
    await ingest('cam-mall-main-entrance', Date.parse(request.window.from) + 60_000, `e2e-${runId}-copy`);
    const exported = await api<{ exportId: string }>('operator.mall', 'POST', `${serviceUrl('storage')}/v1/footage/exports`, { approval: signedDocument });
    const itemId = await until('the evidence item in custody', async () => {
      const items = await api<{ items: { evidenceItemId: string; exportId: string }[] }>('officer.li', 'GET', `${serviceUrl('custody')}/v1/evidence-items`);
      return items.items.find((i) => i.exportId === exported.exportId)?.evidenceItemId;
    });

    await open('/officer/hand-over', '交接与接收');
    const item = page.locator(`[data-evidence-item-id="${itemId}"]`);
    await item.waitFor();
    await item.getByLabel('用途').fill('e2e: evidence for case review');
    await item.getByRole('button', { name: '出示审批文书并接收' }).click();
    await item.getByRole('status').filter({ hasText: '交接已开始' }).waitFor();
    const chain = await api<{ steps: { step: string; handOverId?: string }[] }>('officer.zhang', 'GET', `${serviceUrl('custody')}/v1/evidence-items/${itemId}/timeline`);
    const handOverId = chain.steps.find((s) => s.step === 'HAND_OVER_INITIATED')!.handOverId!;
    await api('officer.zhang', 'POST', `${serviceUrl('custody')}/v1/evidence-items/${itemId}/hand-overs/${handOverId}/confirmation`);

    await open('/officer/hand-over', '交接与接收');
    await item.getByRole('button', { name: '获取下载链接' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('link', { name: /下载（一次有效/ }).click()]);
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'custos-e2e-')), 'package.tar');
    await download.saveAs(copy);
    await item.locator('input[type="file"]').setInputFiles(copy);
    await run.pages.see(page, 'officer-hand-over');
    await item.getByRole('button', { name: '计算哈希并确认接收' }).click();
    const result = item.getByRole('status').filter({ hasText: '完整性核验' }).or(item.getByRole('alert'));
    await result.first().waitFor({ timeout: 60_000 });
    expect(await result.first().innerText()).toContain('完整性核验：一致');
    expect(await item.innerText()).toContain('已接收保管');
    const events = await api<{ steps: { step: string; match?: boolean; officers: { personId: string }[] }[] }>('officer.li', 'GET', `${serviceUrl('custody')}/v1/evidence-items/${itemId}/timeline`);
    expect(events.steps.find((s) => s.step === 'RECEIVED')).toMatchObject({ match: true, officers: [{ personId: 'person-officer-li' }] });
    fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  });

  it('has no serious or critical accessibility violation on any officer page (axe-core)', () => {
    run.pages.expectAccessible(['officer-co-sign', 'officer-file-request', 'officer-hand-over', 'officer-my-requests', 'officer-refusal', 'officer-request-timeline', 'officer-viewing']);
  });
});
