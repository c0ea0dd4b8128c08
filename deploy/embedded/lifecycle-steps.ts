import { type DemoClient, itemsOfPages } from './seed-demo-data';

/** Where the lifecycle steps reach the services, and how they sign a demo user in. */
export interface LifecycleEndpoints {
  /** HTTP as a demo user: the development issuer (embedded) or an OpenID provider (cluster). */
  readonly as: (username: string) => Promise<DemoClient>;
  readonly requestsUrl: string;
  readonly approvalsUrl: string;
}

/**
 * The steps of a request's life as its people take them over HTTP, shared by the embedded and
 * the cluster lifecycle suites: two Yanta officers file and co-sign (R18.1), the Yanta head's
 * approval queue (R17.3), the mall owner's fulfilment queue (R18.5).
 */
export function lifecycleSteps({ as, requestsUrl, approvalsUrl }: LifecycleEndpoints) {
  async function fileAndCoSign(kind: 'VIEW' | 'COPY', caseReference: string): Promise<string> {
    const now = Date.now();
    const filed = await (await as('officer.li')).post<{ requestId: string }>(`${requestsUrl}/v1/requests`, {
      kind,
      caseReference,
      purpose: 'e2e: a robbery at the mall entrance',
      cameraIds: ['cam-mall-main-entrance', 'cam-mall-atrium'],
      window: { from: new Date(now - 2 * 3_600_000).toISOString(), to: new Date(now - 3_600_000).toISOString() },
    });
    await (await as('officer.zhang')).post(`${requestsUrl}/v1/requests/${filed.requestId}/co-sign`, {});
    return filed.requestId;
  }

  async function inApprovalQueue(requestId: string, head = 'head.yanta'): Promise<true | undefined> {
    const queue = await (await as(head)).get<{ items: { requestId: string }[] }>(`${approvalsUrl}/v1/approval-cases?limit=200`);
    return queue.items.some((c) => c.requestId === requestId) ? true : undefined;
  }

  /** The mall owner's queue, paged through (the local demo data grows with every run). */
  async function ownerQueueItem(requestId: string): Promise<Record<string, unknown> | undefined> {
    const owner = await as('operator.mall');
    const wanted = (i: Record<string, unknown>) => i.requestId === requestId;
    return (await itemsOfPages<Record<string, unknown>>(owner, `${requestsUrl}/v1/owners/org-owner-mall/fulfilment-queue?limit=200`, (seen) => seen.some(wanted))).find(wanted);
  }

  /** The requesting officer's view, once the request reached `status`. */
  async function requestIn(requestId: string, status: string) {
    const r = await (await as('officer.li')).get<{ status: string; decision: Record<string, unknown> | null }>(`${requestsUrl}/v1/requests/${requestId}`);
    return r.status === status ? r : undefined;
  }

  return { fileAndCoSign, inApprovalQueue, ownerQueueItem, requestIn };
}
