import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RegistryDemoSeeder } from '../../services/registry/src/seed/registry-demo.seeder';
import type { RunningService } from './embedded-stack';

/** The demo principals for DevIssuerModule: `DevIssuerModule.forRoot({ ..., users: DEMO_USERS })`. */
export { DEMO_USERS } from '../../services/registry/src/seed/registry-demo.data';

/**
 * Fills a fresh embedded installation with demonstration data (organisations, officers,
 * image systems, a first request), through the services' own commands so that every step is
 * an event in the ledger like any other. Runs after all six services answer; must be
 * idempotent, because `npm start` calls it on every start.
 *
 * Registry: organisations, heads, officers and credentials, systems and cameras, and one
 * refused hotel-room camera (R8.1). Requests and approvals: one copy request of the mall's
 * entrance camera, filed and co-signed by two Yanta officers and approved by the Yanta head,
 * so the owner's fulfilment queue shows it with its approval document (R17.3, R18.1, R18.5).
 * The other teams add their parts after it.
 */
export async function seedDemoData(services: readonly RunningService[]): Promise<void> {
  const registry = services.find((s) => s.name === 'registry');
  if (registry) await registry.app.get(RegistryDemoSeeder, { strict: false }).seed();
  const requests = services.find((s) => s.name === 'requests');
  const approvals = services.find((s) => s.name === 'approvals');
  if (registry && requests && approvals) await seedDemoRequest(registry.url, requests.url, approvals.url);
  const storage = services.find((s) => s.name === 'storage');
  const custody = services.find((s) => s.name === 'custody');
  if (registry && requests && storage && custody) await seedDemoViewing(demoClient(registry.url), requests.url, storage.url, custody.url);
}

/** The case reference that marks the demo request: found again on the next start, never filed twice. */
export const DEMO_CASE_REFERENCE = 'DEMO-XA-YT-2026-0001';

const BUS_TIMEOUT_MS = 30_000;

/**
 * One request through its life over HTTP, each step only if not done yet (a start interrupted
 * half-way resumes where it stopped): officer.li files a COPY of the mall entrance, officer.zhang
 * co-signs, head.yanta approves once the case reached the approvals service through the bus.
 */
async function seedDemoRequest(registryUrl: string, requestsUrl: string, approvalsUrl: string): Promise<void> {
  const as = demoClient(registryUrl);
  const li = await as('officer.li');
  const find = async (): Promise<{ requestId: string; status: string } | undefined> => {
    const wanted = (r: { caseReference: string }) => r.caseReference === DEMO_CASE_REFERENCE;
    const items = await itemsOfPages<{ requestId: string; status: string; caseReference: string }>(li, `${requestsUrl}/v1/requests/mine?kind=COPY&limit=200`, (seen) => seen.some(wanted));
    return items.find(wanted);
  };
  let request = await find();
  if (request === undefined) {
    const now = Date.now();
    const filed = await li.post<{ requestId: string }>(`${requestsUrl}/v1/requests`, {
      kind: 'COPY',
      caseReference: DEMO_CASE_REFERENCE,
      purpose: 'demo: a bag snatching at the Saige mall east entrance, the suspect seen leaving',
      cameraIds: ['cam-mall-main-entrance'],
      window: { from: new Date(now - 3 * 3_600_000).toISOString(), to: new Date(now - 2 * 3_600_000).toISOString() },
    });
    request = { requestId: filed.requestId, status: 'AWAITING_CO_SIGNATURE' };
  }
  if (request.status === 'AWAITING_CO_SIGNATURE') {
    await (await as('officer.zhang')).post(`${requestsUrl}/v1/requests/${request.requestId}/co-sign`, {});
    request = { ...request, status: 'AWAITING_APPROVAL' };
  }
  if (request.status !== 'AWAITING_APPROVAL') return;
  const head = await as('head.yanta');
  const id = request.requestId;
  await until('the demo approval case', BUS_TIMEOUT_MS, async () => {
    const queue = await head.get<{ items: { requestId: string }[] }>(`${approvalsUrl}/v1/approval-cases?limit=200`);
    return queue.items.some((c) => c.requestId === id);
  });
  await head.post(`${approvalsUrl}/v1/approval-cases/${id}/approve`, {});
}

export interface DemoClient {
  readonly token: string;
  get<T>(url: string): Promise<T>;
  post<T>(url: string, body: object): Promise<T>;
}

/**
 * Every item of a list, page after page by its cursor (issue 15), until `stop` says enough;
 * `url` carries the list's filters and `limit`.
 */
export async function itemsOfPages<T>(client: DemoClient, url: string, stop: (items: T[]) => boolean = () => false): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: T[]; nextCursor: string | null } = await client.get(cursor === null ? url : `${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`);
    all.push(...page.items);
    cursor = stop(all) ? null : page.nextCursor;
  } while (cursor !== null);
  return all;
}

/** HTTP as a demo user, with a token from the development issuer on the registry. */
export function demoClient(registryUrl: string): (username: string) => Promise<DemoClient> {
  return async (username) => {
    const issued = await call<{ access_token: string }>('POST', `${registryUrl}/dev/token`, undefined, { username });
    return clientWithToken(issued.access_token);
  };
}

/** HTTP with one bearer token, however it was obtained. */
export function clientWithToken(token: string): DemoClient {
  const call_ = <T>(method: string, url: string, body?: object) => call<T>(method, url, token, body);
  return { token, get: (url) => call_('GET', url), post: (url, body) => call_('POST', url, body) };
}

/** An HTTP answer other than 2xx (the request reached the service and was answered). */
export class HttpAnswerError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface CallOptions {
  readonly timeoutMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Starts the error message (default `demo seed`). */
  readonly label?: string;
}

/** A JSON call; a non-2xx answer throws HttpAnswerError, a lost one (timeout, reset) fetch's own error. */
export async function callJson<T>(method: string, url: string, token?: string, body?: object, options: CallOptions = {}): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: {
      accept: 'application/json',
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...options.headers,
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  const text = await response.text();
  if (!response.ok) {
    const what = `${options.label ?? 'demo seed'}: ${method} ${new URL(url).pathname}`;
    throw new HttpAnswerError(response.status, `${what} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

const call = callJson;

async function until(what: string, timeoutMs: number, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`demo seed: ${what} did not arrive within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The case reference of the demo VIEW request (R18.1): found again on the next start, never filed twice. */
export const DEMO_VIEW_CASE_REFERENCE = 'DEMO-XA-YT-2026-0002';

/** The demo clips (demo-footage/README.md) and the mall cameras whose footage they stand for. */
const DEMO_CLIPS: readonly { readonly cameraId: string; readonly file: string }[] = [
  { cameraId: 'cam-mall-main-entrance', file: 'cam-entrance.mp4' },
  { cameraId: 'cam-mall-atrium', file: 'cam-lobby.mp4' },
  { cameraId: 'cam-mall-parking-b2', file: 'cam-car-park.mp4' },
];

/**
 * A viewing that shows moving pictures (R18.1–R18.4), each step only if not done yet:
 * officer.li files a VIEW of three mall cameras and officer.zhang co-signs it; the mall's
 * operator ingests the demo clips as that window's footage (a segment is never written twice,
 * R16.3) and, once custody has learnt the co-signed request through the bus, opens a 4-hour
 * viewing session unless one is open. The two officers then join it and play it in the browser
 * (`GET /viewing-sessions/:id/playback-links` answers the player page's link).
 */
export async function seedDemoViewing(
  as: (username: string) => Promise<DemoClient>,
  requestsUrl: string,
  storageUrl: string,
  custodyUrl: string,
): Promise<void> {
  const li = await as('officer.li');
  const find = async () => {
    const page = await li.get<{ items: { requestId: string; status: string; caseReference: string; window: { from: string } }[] }>(
      `${requestsUrl}/v1/requests/mine?kind=VIEW&limit=200`,
    );
    return page.items.find((r) => r.caseReference === DEMO_VIEW_CASE_REFERENCE);
  };
  let request = await find();
  if (request === undefined) {
    const now = Date.now();
    await li.post(`${requestsUrl}/v1/requests`, {
      kind: 'VIEW',
      caseReference: DEMO_VIEW_CASE_REFERENCE,
      purpose: 'demo: trace the bag snatcher from the east entrance through the atrium to the car park',
      cameraIds: DEMO_CLIPS.map((c) => c.cameraId),
      window: { from: new Date(now - 2 * 3_600_000).toISOString(), to: new Date(now - 3_600_000).toISOString() },
    });
    request = await find();
    if (request === undefined) throw new Error('demo seed: the demo VIEW request was filed but is not listed');
  }
  if (request.status === 'AWAITING_CO_SIGNATURE') {
    await (await as('officer.zhang')).post(`${requestsUrl}/v1/requests/${request.requestId}/co-sign`, {});
  }
  const operator = await as('operator.mall');
  // The clips follow one another from the start of the window, one camera after the other.
  const windowFrom = Date.parse(request.window.from);
  for (const [index, clip] of DEMO_CLIPS.entries()) {
    const from = new Date(windowFrom + index * 10_000);
    const to = new Date(from.getTime() + 8_000);
    const segmentId = `demo-${request.requestId.slice(0, 8)}-${clip.cameraId}`;
    const window = new URLSearchParams({ cameraId: clip.cameraId, from: from.toISOString(), to: to.toISOString(), limit: '200' });
    const stored = await operator.get<{ items: { segmentId: string }[] }>(`${storageUrl}/v1/footage/segments?${window.toString()}`);
    if (stored.items.some((s) => s.segmentId === segmentId)) continue;
    const query = new URLSearchParams({ cameraId: clip.cameraId, from: from.toISOString(), to: to.toISOString(), container: 'mp4', codec: 'h264' });
    const response = await fetch(`${storageUrl}/v1/footage/segments/${segmentId}?${query.toString()}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${operator.token}`, 'content-type': 'video/mp4' },
      body: readFileSync(join(__dirname, 'demo-footage', clip.file)),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`demo seed: ingest of ${clip.file} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  const requestId = request.requestId;
  await until('the co-signed demo VIEW request in custody', BUS_TIMEOUT_MS, async () => {
    const known = await operator.get<{ items: { requestId: string }[] }>(`${custodyUrl}/v1/view-requests`);
    return known.items.some((r) => r.requestId === requestId);
  });
  const sessions = await operator.get<{ items: { requestId: string; status: string; expiresAt: string }[] }>(`${custodyUrl}/v1/viewing-sessions`);
  const open = sessions.items.some((s) => s.requestId === requestId && s.status === 'OPEN' && Date.parse(s.expiresAt) > Date.now());
  if (!open) await operator.post(`${custodyUrl}/v1/viewing-sessions`, { requestId, durationMinutes: 240 });
}
