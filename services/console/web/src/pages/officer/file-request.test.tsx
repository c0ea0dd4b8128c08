import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

/** What the page sent, and what the services answer: the directory's cameras and the filing's answer. */
const sent: { url: string; body?: unknown }[] = [];
let filingAnswer: { status: number; body: unknown } = { status: 201, body: {} };

const CAMERA = {
  id: 'cam-mall-main-entrance',
  name: 'Main entrance',
  locationCategory: 'ENTRANCE',
  location: 'Ground floor, east entrance',
  imageSystemId: 'sys-mall-saige',
  imageSystemName: 'Saige mall public areas',
  siteCategories: ['HOTELS_MALLS_VENUES_RESIDENTIAL'],
  ownerOrganisationId: 'org-owner-mall',
  ownerOrganisationName: '赛格国际购物中心',
  divisionCode: '610113',
  removed: false,
};

async function fakeFetch(input: Request): Promise<Response> {
  const url = new URL(input.url);
  const body = input.method === 'POST' ? await input.json() : undefined;
  sent.push({ url: `${input.method} ${url.pathname}${url.search}`, body });
  const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
  if (url.pathname === '/api/registry/v1/directory/cameras') return json(200, { items: [CAMERA], nextCursor: null });
  if (url.pathname === '/api/requests/v1/requests') return json(filingAnswer.status, filingAnswer.body);
  return json(404, { code: 'CUSTOS_NOT_FOUND' });
}

let FileRequestPage: typeof import('./file-request').default;

beforeAll(async () => {
  // openapi-fetch takes the global fetch when the client is made: stub it first.
  vi.stubGlobal('fetch', vi.fn(fakeFetch));
  // What jsdom lacks and antd's layout asks for; nothing here depends on sizes.
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {} }));
  vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} });
  FileRequestPage = (await import('./file-request')).default;
  // antd's first import in jsdom takes long on a busy machine.
}, 120_000);
afterEach(() => {
  cleanup();
  sent.length = 0;
});

async function fillAndSubmit(kind: string) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <FileRequestPage params={{}} />
    </QueryClientProvider>,
  );
  fireEvent.click(screen.getByText(kind));
  const cameras = screen.getByRole('combobox', { name: '摄像机' });
  fireEvent.mouseDown(cameras);
  fireEvent.change(cameras, { target: { value: '赛格' } });
  const option = await screen.findByText('Main entrance · Saige mall public areas · 赛格国际购物中心 · Ground floor, east entrance', {}, { timeout: 30_000 });
  fireEvent.click(option);
  fireEvent.change(screen.getByLabelText(/开始/), { target: { value: '2026-12-04T08:00' } });
  fireEvent.change(screen.getByLabelText(/结束/), { target: { value: '2026-12-04T09:30' } });
  fireEvent.change(screen.getByLabelText('案件编号'), { target: { value: 'XA-2026-0117' } });
  fireEvent.change(screen.getByLabelText('用途'), { target: { value: '追查嫌疑人' } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: /提交申请/ }));
  });
}

describe('the request form (R17.1, R17.4, R18.1)', { timeout: 180_000 }, () => {
  it('searches the directory by words, sends the local Beijing times as UTC, and says until when a colleague must co-sign', async () => {
    filingAnswer = { status: 201, body: { requestId: 'c2b0d3b8-0c86-4c6d-9d51-6a3f3a1c2f10', status: 'AWAITING_CO_SIGNATURE', coSignDeadline: '2026-12-05T04:00:00.000Z' } };
    await fillAndSubmit('复制');
    expect(sent.some((s) => s.url.startsWith('GET /api/registry/v1/directory/cameras') && s.url.includes(encodeURIComponent('赛格')))).toBe(true);
    await waitFor(() => expect(sent.find((s) => s.url === 'POST /api/requests/v1/requests')).toBeDefined());
    expect(sent.find((s) => s.url === 'POST /api/requests/v1/requests')!.body).toEqual({
      kind: 'COPY',
      cameraIds: ['cam-mall-main-entrance'],
      window: { from: '2026-12-04T00:00:00.000Z', to: '2026-12-04T01:30:00.000Z' },
      purpose: '追查嫌疑人',
      caseReference: 'XA-2026-0117',
    });
    expect(await screen.findByText('申请已提交，须由本单位另一名民警在 2026-12-05 12:00:00 前会签。')).toBeTruthy();
  });

  it('shows a refusal in plain Chinese with the rule and article it cites, and the code', async () => {
    filingAnswer = { status: 403, body: { status: 403, code: 'CUSTOS_R17_4_DIRECT_ACCESS_NOT_ALLOWED', rule: 'R17.4', detail: 'direct access is for PSB and state security only' } };
    await fillAndSubmit('直接接入');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('只有公安机关和国家安全机关可以申请直接接入。');
    expect(alert.textContent).toContain('依据：R17.4（第17条）');
    expect(alert.textContent).toContain('代码：CUSTOS_R17_4_DIRECT_ACCESS_NOT_ALLOWED');
  });
});
