import fs from 'node:fs';
import path from 'node:path';
import type { RunningServices } from '../../../deploy/embedded/embedded-services.test-support';

/** The demo clip the operator ingests unless told another. */
export const DEMO_CLIP = path.resolve(__dirname, '../../../deploy/embedded/demo-footage/cam-lobby.mp4');

/**
 * What the people the browser does not play do in an e2e suite, through the services' APIs as
 * their own consoles would: a call as a demo user, waiting for an eventually consistent fact,
 * and the owner's operator storing a clip as a camera's footage (R16.3).
 */
export function serviceCalls(stack: () => RunningServices) {
  const serviceUrl = (name: string) => stack().services.get(name)!.url;
  async function api<T>(who: string, method: string, url: string, body?: unknown): Promise<T> {
    const response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${await stack().tokenOf(who)}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
  async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  /** An 8-second segment from `from` (epoch ms), answered below 300. */
  async function ingest(cameraId: string, from: number, segmentId: string, clip = DEMO_CLIP): Promise<number> {
    const query = new URLSearchParams({
      cameraId,
      from: new Date(from).toISOString(),
      to: new Date(from + 8_000).toISOString(),
      container: 'mp4',
      codec: 'h264',
    });
    const response = await fetch(`${serviceUrl('storage')}/v1/footage/segments/${segmentId}?${query}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${await stack().tokenOf('operator.mall')}`, 'content-type': 'video/mp4' },
      body: fs.readFileSync(clip),
    });
    return response.status;
  }
  return { serviceUrl, api, until, ingest };
}

/**
 * The copy request the head and oversight suites start from: filed by officer.li for the mall's
 * main entrance, two to three hours before `now`, and co-signed by officer.zhang (R17.3); its request id.
 */
export async function fileCoSignedCopy(stack: RunningServices, caseReference: string, now = Date.now()): Promise<string> {
  const { api, serviceUrl } = serviceCalls(() => stack);
  const { requestId } = await api<{ requestId: string }>('officer.li', 'POST', `${serviceUrl('requests')}/v1/requests`, {
    kind: 'COPY',
    caseReference,
    purpose: '雁塔区抢夺案：嫌疑人自商场东门离开',
    cameraIds: ['cam-mall-main-entrance'],
    window: { from: new Date(now - 3 * 3_600_000).toISOString(), to: new Date(now - 2 * 3_600_000).toISOString() },
  });
  await api('officer.zhang', 'POST', `${serviceUrl('requests')}/v1/requests/${requestId}/co-sign`, {});
  return requestId;
}
