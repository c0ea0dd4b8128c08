import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { approvalQrUrl } from '@custos/domain';
import { atWindowSize, horizontalFit, screenshot } from './browser';
import { type ConsoleInBrowser, openAt, openFromMenu, rowFromMenu, signIn, startConsoleInBrowser, tableRow } from './console-stack';
import { serviceCalls } from './service-calls';

const FOOTAGE = path.resolve(__dirname, '../../../deploy/embedded/demo-footage');
const HOUR = 3_600_000;
const runId = Date.now().toString(36);

type Signed = { document: { documentId: string; number: string }; signature: string; keyId: string };

/**
 * The system owner's console (issue 18, System owner) as `npm start` serves it, in Chinese and
 * Beijing time: the fulfilment queue with its deadline, verifying the approval document an
 * officer presents (and a tampered one), the export with the progress storage pushes, and the
 * hand-over as the owner follows it. Officers and the head act through the APIs.
 */
describe("the owner's console: queue, verify a document, export with progress, hand-over in Chinese (embedded mode)", () => {
  let run: ConsoleInBrowser;
  let page: Page;
  let requestId = '';
  /** An approved RETRIEVE whose deadline (set to 7.2 s here) passes unfulfilled: escalated (R16.5). */
  let overdueId = '';
  let signed: Signed;
  let exportId = '';

  const { serviceUrl, api, until, ingest: ingestAs } = serviceCalls(() => run.services);
  async function ingest(cameraId: string, from: number, clip: string, segmentId: string) {
    expect(await ingestAs(cameraId, from, segmentId, path.join(FOOTAGE, clip))).toBeLessThan(300);
  }
  async function open(pathname: string, heading: string | RegExp) {
    await openAt(page, run.url, pathname, heading);
  }

  beforeAll(async () => {
    // A retrieval is due within 0.002 h (7.2 s) and the sweep runs every second: one escalates during the run.
    run = await startConsoleInBrowser('console-owner', {
      overrides: { requests: { FULFILMENT_DEADLINE_RETRIEVE_HOURS: '0.002', REQUEST_ESCALATION_INTERVAL_MS: '1000' } },
    });
    page = run.page;
    // An approved COPY of the mall's main entrance, with three segments of footage in its window.
    const from = Date.now() - 5 * HOUR;
    ({ requestId } = await api<{ requestId: string }>('officer.li', 'POST', `${serviceUrl('requests')}/v1/requests`, {
      kind: 'COPY',
      caseReference: `E2E-${runId}-OWNER`,
      purpose: 'e2e: the owner fulfils an approved copy',
      cameraIds: ['cam-mall-main-entrance'],
      window: { from: new Date(from).toISOString(), to: new Date(from + HOUR).toISOString() },
    }));
    ({ requestId: overdueId } = await api<{ requestId: string }>('officer.li', 'POST', `${serviceUrl('requests')}/v1/requests`, {
      kind: 'RETRIEVE',
      caseReference: `E2E-${runId}-OWNER-LATE`,
      purpose: 'e2e: a retrieval the owner leaves unfulfilled',
      cameraIds: ['cam-mall-main-entrance'],
      window: { from: new Date(from).toISOString(), to: new Date(from + HOUR).toISOString() },
    }));
    for (const id of [requestId, overdueId]) {
      await api('officer.zhang', 'POST', `${serviceUrl('requests')}/v1/requests/${id}/co-sign`, {});
      await until('the approval case', async () => {
        const queue = await api<{ items: { requestId: string }[] }>(
          'head.yanta',
          'GET',
          `${serviceUrl('approvals')}/v1/approval-cases?limit=200`,
        );
        return queue.items.some((c) => c.requestId === id) || undefined;
      });
      const approved = await api<{ signedDocument: Signed }>(
        'head.yanta',
        'POST',
        `${serviceUrl('approvals')}/v1/approval-cases/${id}/approve`,
        {},
      );
      if (id === requestId) signed = approved.signedDocument;
    }
    for (const [i, clip] of ['cam-entrance.mp4', 'cam-car-park.mp4', 'cam-lobby.mp4'].entries()) {
      await ingest('cam-mall-main-entrance', from + 60_000 + i * 10_000, clip, `e2e-${runId}-owner-${i}`);
    }
    await until("the approved copy in the owner's queue", async () => {
      const queue = await api<{ items: { requestId: string }[] }>(
        'operator.mall',
        'GET',
        `${serviceUrl('requests')}/v1/owners/org-owner-mall/fulfilment-queue?limit=200`,
      ).catch(() => ({ items: [] }));
      return queue.items.some((i) => i.requestId === requestId) || undefined;
    });
    await signIn(page, run.url, 'operator.mall');
  }, 600_000);

  afterAll(() => run?.close());

  it('shows the approved copy waiting: the requesting organ and officer by name, since when, the deadline by kind and whom it escalates to (R16.5)', async () => {
    const row = await rowFromMenu(page, '待办调阅', requestId);
    await row.getByText('Li Wei').waitFor();
    const text = await row.innerText();
    expect(text).toMatch(/复制[\s\S]*Yanta District Public Security Sub-bureau[\s\S]*Li Wei[\s\S]*E2E-/);
    expect(text).toContain('未逾期');
    await row.locator('[data-escalates-to]', { hasText: 'Yanta District Public Security Sub-bureau' }).waitFor();
    expect(text).toContain('尚未导出');
    expect(await row.locator('[data-deadline="due"]').count()).toBe(1);

    // The retrieval left past its deadline: overdue, and escalated to the Yanta sub-bureau, with when (R16.5).
    const late = tableRow(page, overdueId);
    await until('the overdue retrieval escalated', async () => {
      const queue = await api<{ items: { requestId: string; escalations: unknown[] }[] }>(
        'operator.mall',
        'GET',
        `${serviceUrl('requests')}/v1/owners/org-owner-mall/fulfilment-queue?limit=200`,
      );
      return queue.items.find((i) => i.requestId === overdueId)?.escalations.length ? true : undefined;
    });
    await page.reload();
    await late.locator('[data-escalated-at]').waitFor();
    // Recorded in the ledger like every event, on the request's own stream.
    await until('the escalation in the ledger', async () => {
      const history = await api<{ items: { type: string }[]; pending: { type: string }[] }>(
        'oversight.shaanxi',
        'GET',
        `${serviceUrl('ledger')}/v1/ledger/aggregates/${overdueId}/history`,
      ).catch(() => ({ items: [], pending: [] }));
      return [...history.items, ...history.pending].some((e) => e.type === 'requests.FulfilmentOverdueEscalated') || undefined;
    });
    expect(await late.locator('[data-deadline="overdue"]').count()).toBe(1);
    expect(await late.locator('[data-escalated-at]').innerText()).toMatch(/^已上报 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await run.pages.see(page, 'owner-queue');
  });

  it('fits the queue into a 1280×800 window: no horizontal scrolling, long text wrapped, the actions in view', async () => {
    await atWindowSize(page, { width: 1280, height: 800 }, async () => {
      // The table's scroller is `.ant-table-content`, or `.ant-table-body` once it scrolls vertically; the actions are the last column.
      const table = '.custos-owner-queue .ant-table-content, .custos-owner-queue .ant-table-body';
      expect(await horizontalFit(page, table, '.custos-owner-queue tbody tr.ant-table-row td:last-child')).toEqual({ page: true, table: true, cellInView: true });
      await screenshot(page, 'owner-queue-1280');
    });
  });

  it('verifies the document the officers present by its number: valid, with the document shown; a tampered QR content is shown as tampered (R18.5)', async () => {
    await tableRow(page, requestId).getByRole('link', { name: '核验批准文件' }).click();
    await page.getByRole('heading', { name: '核验批准文件', level: 1 }).waitFor();
    expect(await page.getByLabel('二维码内容或文书编号').inputValue()).toBe(signed.document.number);
    await page.getByRole('button', { name: '核验' }).click();
    await page.locator('[data-verification="VALID"]').waitFor();
    const shown = await page.locator('.ant-descriptions').innerText();
    expect(shown).toContain(signed.document.number);
    expect(shown).toContain('Yanta District Public Security Sub-bureau');
    await run.pages.see(page, 'owner-verify-valid');

    // The QR content with one character of the signature changed.
    const qr = new URL(
      approvalQrUrl(run.url, {
        documentId: signed.document.documentId,
        number: signed.document.number,
        signature: signed.signature,
      }),
    );
    const s = qr.searchParams.get('s')!;
    qr.searchParams.set('s', s.slice(0, 10) + (s[10] === 'A' ? 'B' : 'A') + s.slice(11));
    await page.getByLabel('二维码内容或文书编号').fill(qr.toString());
    await page.getByRole('button', { name: '核验' }).click();
    await page.locator('[data-verification="TAMPERED"]').waitFor();
    expect(await page.getByText('核验结果：被篡改或伪造').count()).toBe(1);
    await run.pages.see(page, 'owner-verify-tampered');
  });

  it('exports the approved footage with a progress bar fed by the server while the package is written, then shows the package (R18.5)', async () => {
    await open(`/owner/export/${requestId}`, '导出视频资料');
    await page.getByRole('button', { name: '开始导出' }).click();
    await page.getByRole('status').filter({ hasText: '导出完成' }).waitFor({ timeout: 120_000 });
    // The page counted the progress lines the server pushed before the result (the first at 0 bytes).
    expect(
      Number(await page.locator('[data-progress-lines]').getAttribute('data-progress-lines')),
    ).toBeGreaterThanOrEqual(1);
    exportId = (await page.getByRole('link', { name: '前往交接' }).getAttribute('href'))!.split('/').pop()!;
    expect(exportId).toMatch(/^[0-9a-f-]{36}$/);
    const bar = page.getByRole('progressbar', { name: '导出进度' });
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    expect(await page.getByTestId('export-written').innerText()).toMatch(/^已写入 \d+\.\d KB \/ 约 \d+\.\d KB$/);
    expect(await page.getByRole('status').innerText()).toMatch(/SHA-256: [0-9a-f]{64}[\s\S]*片段数: 3/);
    await run.pages.see(page, 'owner-export');
  });

  it('follows the hand-over: waiting for the requesting organ, then handed over to its two officers, by name (R18.5)', async () => {
    await page.getByRole('link', { name: '前往交接' }).click();
    await page.getByRole('heading', { name: '交接', level: 1 }).waitFor();
    await page.locator('[data-custody-status="PREPARED"]').waitFor({ timeout: 60_000 });
    expect(await page.getByRole('status').filter({ hasText: '等待申请单位两名民警出示批准文件接收' }).count()).toBe(1);
    await page.locator('[data-step="EXPORTED"]').waitFor();
    await run.pages.see(page, 'owner-hand-over-waiting');

    const started = await api<{ handOverId: string }>(
      'officer.li',
      'POST',
      `${serviceUrl('custody')}/v1/evidence-items/${exportId}/hand-overs`,
      {
        approval: signed,
        purpose: 'e2e: evidence for case review',
      },
    );
    await api(
      'officer.zhang',
      'POST',
      `${serviceUrl('custody')}/v1/evidence-items/${exportId}/hand-overs/${started.handOverId}/confirmation`,
    );
    await page.locator('[data-custody-status="HANDED_OVER"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-step="HANDED_OVER"]', { hasText: 'Zhang Min' }).waitFor();
    const handedOver = await page.locator('[data-step="HANDED_OVER"]').innerText();
    expect(handedOver).toContain('交接完成');
    expect(handedOver).toContain('Li Wei');
    expect(handedOver).toContain('Zhang Min');
    expect(await page.locator('.ant-descriptions').innerText()).toMatch(/Yanta District Public Security Sub-bureau/);
    await run.pages.see(page, 'owner-hand-over-done');

    // Back in the queue, the package shows as exported, by whom.
    await open('/owner/queue', '待办调阅');
    const row = tableRow(page, requestId);
    await row.locator(`[data-export-id="${exportId}"]`).waitFor();
    expect(await row.innerText()).toContain('重新导出');
  });

  it('opens a viewing session for a co-signed VIEW request, sees who joined with the credential shown, and closes it early (R18.1–R18.4)', async () => {
    const from = Date.now() - 3 * HOUR;
    const filed = await api<{ requestId: string }>('officer.li', 'POST', `${serviceUrl('requests')}/v1/requests`, {
      kind: 'VIEW',
      caseReference: `E2E-${runId}-OWNER-VIEW`,
      purpose: 'e2e: watch the atrium',
      cameraIds: ['cam-mall-atrium'],
      window: { from: new Date(from).toISOString(), to: new Date(from + HOUR).toISOString() },
    });
    await api('officer.zhang', 'POST', `${serviceUrl('requests')}/v1/requests/${filed.requestId}/co-sign`, {});
    await until('the VIEW request in custody', async () => {
      const known = await api<{ items: { requestId: string }[] }>(
        'operator.mall',
        'GET',
        `${serviceUrl('custody')}/v1/view-requests`,
      );
      return known.items.some((r) => r.requestId === filed.requestId) || undefined;
    });
    await openFromMenu(page, '查看会话');
    const request = page.locator(`[data-view-request="${filed.requestId}"]`);
    await request.getByText('Zhang Min').waitFor();
    await request.getByText(/摄像机：Atrium/).waitFor();
    await request.getByLabel('时长（分钟）').fill('20');
    await request.getByRole('button', { name: '开启查看会话' }).click();
    const sessions = await until('the session', async () => {
      const list = await api<{
        items: { sessionId: string; requestId: string; expiresAt: string; openedAt: string }[];
      }>('operator.mall', 'GET', `${serviceUrl('custody')}/v1/viewing-sessions`);
      return list.items.find((x) => x.requestId === filed.requestId);
    });
    expect(Date.parse(sessions.expiresAt) - Date.parse(sessions.openedAt)).toBe(20 * 60_000);
    await api('officer.zhang', 'POST', `${serviceUrl('custody')}/v1/viewing-sessions/${sessions.sessionId}/join`);
    const item = page.locator(`[data-session-id="${sessions.sessionId}"]`);
    await item.locator('[data-joined]', { hasText: 'Zhang Min（61011300102）' }).waitFor({ timeout: 30_000 });
    await run.pages.see(page, 'owner-viewing');
    await item.getByRole('button', { name: '提前关闭' }).click();
    await item.getByText('已关闭').waitFor();
    expect(await item.getByRole('button', { name: '提前关闭' }).count()).toBe(0);
  });

  it('shows the access register by name and downloads a CSV that Excel reads as UTF-8 (BOM) (R16.6)', async () => {
    await openFromMenu(page, '调阅登记簿');
    const copyRow = page.locator('tbody tr', { hasText: `${signed.document.number}` }).first();
    await copyRow.getByText('Main entrance').waitFor({ timeout: 30_000 });
    expect(await copyRow.innerText()).toMatch(
      /复制[\s\S]*Yanta District Public Security Sub-bureau[\s\S]*Li Wei（61011300101）、Zhang Min（61011300102）[\s\S]*e2e: evidence for case review[\s\S]*Main entrance/,
    );
    await run.pages.see(page, 'owner-access-register');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'custos-register-')), 'register.csv');
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe(
      '时间（北京时间）,方式,申请单位,人员（执法证）,用途,批准文件编号,摄像机,结束时间',
    );
    expect(text).toContain('Li Wei（61011300101）、Zhang Min（61011300102）');
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('refuses a camera in a toilet, warned before and explained in Chinese after, with its rule and code (R8.1)', async () => {
    await openFromMenu(page, '图像系统与摄像机');
    const system = page.locator('[data-system-id="sys-mall-saige"]');
    await system.getByText('Main entrance').first().waitFor();
    expect(await system.locator('[data-signage]').innerText()).toContain('已设置显著标识');
    await system.getByText('登记摄像机').click();
    const register = async (name: string, category: string) => {
      await system.getByLabel('摄像机名称').fill(name);
      await system.getByRole('combobox', { name: '安装位置类别' }).click();
      await page.locator('.ant-select-item-option', { hasText: category }).first().click();
      await system.getByLabel('具体位置').fill('Level 1, east wing');
    };
    await register(`Toilet ${runId}`, '卫生间');
    await system.getByText('第八条第3项禁止在此类场所安装图像采集设备').waitFor();
    await system.getByRole('button', { name: '登记', exact: true }).click();
    const refusal = system.getByRole('alert').filter({ hasText: '登记被拒绝' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('CUSTOS_R8_1_FORBIDDEN_CAMERA_LOCATION');
    expect(await system.innerText()).toContain('《公共安全视频图像信息系统管理条例》第八条：禁止在旅馆客房');
    await run.pages.see(page, 'owner-systems-refusal');
    expect(await system.getByText(`Toilet ${runId}`).count()).toBe(0);
  });

  /** On the upload page: the mall's atrium camera and the first segment's start, in Beijing time. */
  async function chooseCameraAndStart(start: Date) {
    await page.getByRole('heading', { name: '上传原始录像', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: '摄像机' }).click();
    await page.locator('.ant-select-item-option', { hasText: 'Atrium' }).first().click();
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' })
      .format(start)
      .replace(' ', 'T');
    await page.getByLabel('第一段开始时间（北京时间）').fill(local);
  }

  it('uploads two dropped segments, each shown with the SHA-256 storage recorded, equal to the one computed in the browser, and its lock-until (R16.3, R16.7)', async () => {
    await page.getByRole('menuitem', { name: '上传原始录像' }).click();
    // Two hours ago, in Beijing time, to the second.
    const start = new Date(Date.now() - 2 * HOUR + (Date.now() % 60_000));
    await chooseCameraAndStart(start);
    const clips = ['cam-lobby.mp4', 'cam-entrance.mp4'].map((c) => path.join(FOOTAGE, c));
    await page.locator('input[type="file"]').setInputFiles(clips);
    await page.locator('tbody tr', { hasText: 'cam-entrance.mp4' }).waitFor();
    await page.getByRole('button', { name: '计算哈希并上传' }).click();
    const stored = page.locator('[data-segment-sha256]');
    await until('both segments stored', async () => ((await stored.count()) === 2 ? true : undefined), 60_000);
    const hashes = await stored.evaluateAll((els) => els.map((e) => e.getAttribute('data-segment-sha256')));
    const { createHash } = await import('node:crypto');
    expect(hashes).toEqual(clips.map((c) => createHash('sha256').update(fs.readFileSync(c)).digest('hex')));
    expect(await page.getByText('与本地哈希一致').count()).toBe(2);
    // The mall keeps footage at least 30 days (R16.7): the lock holds that long.
    const lockedUntil = await page.locator('[data-locked-until]').first().innerText();
    expect(Date.parse(lockedUntil.replace(' ', 'T') + '+08:00') - start.getTime()).toBeGreaterThanOrEqual(
      30 * 24 * HOUR - 60_000,
    );
    await run.pages.see(page, 'owner-upload');
  });

  it('resumes an upload whose part was cut off: after a reload the same file dropped again continues its session and is stored (issue 18, R16.3)', async () => {
    const clip = path.join(FOOTAGE, 'cam-car-park.mp4');
    const start = new Date(Date.now() - 4 * HOUR + (Date.now() % 60_000));
    const parts = '**/api/storage/v1/footage/uploads/*/parts/*';
    await page.route(parts, (route) => route.abort('connectionreset'));
    await page.reload();
    await chooseCameraAndStart(start);
    await page.locator('input[type="file"]').setInputFiles(clip);
    await page.getByRole('button', { name: '计算哈希并上传' }).click();
    await page.getByRole('alert').filter({ hasText: '有片段未能上传' }).waitFor();
    await page.unroute(parts);

    await page.reload();
    const calls: string[] = [];
    page.on('request', (r) => void (r.url().includes('/v1/footage/uploads') && calls.push(`${r.method()} ${new URL(r.url()).pathname}`)));
    await chooseCameraAndStart(start);
    await page.locator('input[type="file"]').setInputFiles(clip);
    await page.getByRole('button', { name: '计算哈希并上传' }).click();
    const stored = page.locator('[data-segment-sha256]');
    await until('the resumed segment stored', async () => ((await stored.count()) === 1 ? true : undefined), 60_000);
    const { createHash } = await import('node:crypto');
    expect(await stored.getAttribute('data-segment-sha256')).toBe(createHash('sha256').update(fs.readFileSync(clip)).digest('hex'));
    // The session opened before the reload was resumed, not a new one opened.
    expect(calls.filter((c) => c === 'POST /api/storage/v1/footage/uploads')).toEqual([]);
    expect(calls[0]).toMatch(/^GET \/api\/storage\/v1\/footage\/uploads\/[0-9a-f-]{36}$/);
    expect(calls.at(-1)).toMatch(/\/complete$/);
  });

  it("lists the escalation to the PSB supervising the mall, for its head, with the inbox count of those still open (R16.5)", async () => {
    const own = page;
    page = await own.context().newPage();
    try {
      await signIn(page, run.url, 'head.yanta');
      await page.getByText(/上报本机关、仍未履行的逾期调阅：/).waitFor({ timeout: 30_000 });
      await openFromMenu(page, /逾期上报/, '逾期上报');
      const row = page.locator(`tr[data-escalation="${overdueId}"]`);
      await row.getByText('仍未履行').waitFor();
      // Names, not ids: the owner, its system and the requesting organ.
      await row.getByText('Saige mall public areas').waitFor();
      await row.getByText('Yanta District Public Security Sub-bureau').waitFor();
      expect(await row.innerText()).toMatch(/Saige[\s\S]*Saige mall public areas[\s\S]*调取[\s\S]*Yanta District Public Security Sub-bureau[\s\S]*E2E-[\s\S]*-OWNER-LATE/);
      await run.pages.see(page, 'head-escalations');
    } finally {
      await page.close();
      page = own;
    }
  });

  it('has no serious or critical accessibility violation on any owner page (axe-core)', () => {
    run.pages.expectAccessible(['head-escalations', 'owner-access-register', 'owner-export', 'owner-hand-over-done', 'owner-hand-over-waiting', 'owner-queue', 'owner-systems-refusal', 'owner-upload', 'owner-verify-tampered', 'owner-verify-valid', 'owner-viewing']);
  });
});
