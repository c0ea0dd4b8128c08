// COPY and VIEW lifecycles over HTTP, as officers, heads and owners drive them, through any
// fault. A step is retried until it took effect; whether it did is read from the service's
// own event log (the committed truth, never a lagging read model), before every attempt, so the
// driver itself never files twice what one lost answer hid.
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { callJson, HttpAnswerError } from '../embedded/seed-demo-data';
import type { Deployment } from './cluster';

export type Kind = 'COPY' | 'VIEW';

export interface LifecycleResult {
  readonly kind: Kind;
  readonly caseReference: string;
  /** The filing was answered 2xx (or found committed). */
  acknowledged: boolean;
  completed: boolean;
  /** The step it was stuck on, and why, when not completed by its deadline. */
  stuckAt?: string;
  requestId?: string;
}

export const CAMERA = 'cam-mall-main-entrance';

interface Row {
  readonly aggregate_id: string;
  readonly payload: Record<string, unknown>;
}

/** Pools per service database, opened lazily and kept across Postgres restarts (pg reconnects). */
export class EventLogs {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly deployment: Deployment) {}

  pool(service: string): Pool {
    let pool = this.pools.get(service);
    if (!pool) {
      pool = new Pool({ connectionString: this.deployment.databaseUrlOf(service), max: 3, connectionTimeoutMillis: 5000 });
      // A restarted Postgres ends idle connections: nothing to do, the next query gets a new one.
      pool.on('error', () => undefined);
      this.pools.set(service, pool);
    }
    return pool;
  }

  /** The first event of `type` whose payload field `field` is `value` (or whose aggregate is, for field `aggregate`). */
  async find(service: string, type: string, field: string, value: string): Promise<Row | undefined> {
    const where = field === 'aggregate' ? 'aggregate_id = $2' : `envelope->'payload'->>'${field}' = $2`;
    const { rows } = await this.pool(service).query<{ aggregate_id: string; payload: Record<string, unknown> }>(
      `SELECT aggregate_id, envelope->'payload' AS payload FROM es_events WHERE type = $1 AND ${where} ORDER BY sequence LIMIT 1`,
      [type, value],
    );
    return rows[0];
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.end().catch(() => undefined)));
    this.pools.clear();
  }
}

/** One call as `username`, with a token fresh from the development issuer (a restarted registry has new keys). */
async function call<T>(deployment: Deployment, username: string, method: string, url: string, body?: object): Promise<T> {
  const token = await fetchJson<{ access_token: string }>('POST', `${deployment.urlOf('registry')}/dev/token`, undefined, { username });
  return fetchJson<T>(method, url, token.access_token, body);
}

function fetchJson<T>(method: string, url: string, token?: string, body?: object): Promise<T> {
  return callJson<T>(method, url, token, body, {
    timeoutMs: 30_000,
    label: 'chaos',
    // Harmless where not yet honoured; where it is, a retried command answers its first result.
    headers: method === 'POST' ? { 'idempotency-key': randomUUID() } : {},
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface DriverOptions {
  /** How long one lifecycle may take, faults included, before it counts as stuck. */
  readonly deadlineMs: number;
  /** The footage window every lifecycle asks for (one segment ingested in it). */
  readonly window: { readonly from: string; readonly to: string };
}

export class LifecycleDriver {
  readonly logs: EventLogs;
  /** The step each running lifecycle is at, by case reference. */
  private readonly steps = new Map<string, string>();

  constructor(
    private readonly deployment: Deployment,
    private readonly options: DriverOptions,
  ) {
    this.logs = new EventLogs(deployment);
  }

  /** Whether some running lifecycle is at `step` now. */
  atStep(step: string): boolean {
    return [...this.steps.values()].includes(step);
  }

  private url(service: string, path: string): string {
    return `${this.deployment.urlOf(service)}${path}`;
  }

  /**
   * Retries `attempt` until `committed` finds its effect in an event log (checked first, and
   * again after every failed attempt), or the deadline passes.
   */
  private async step<T>(
    name: string,
    deadline: number,
    committed: () => Promise<T | undefined>,
    attempt: () => Promise<unknown>,
  ): Promise<T> {
    let lastError: unknown;
    for (let pause = 250; ; pause = Math.min(pause * 2, 3000)) {
      const found = await committed().catch((error: unknown) => {
        lastError = error;
        return undefined;
      });
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`${name}: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
      try {
        await attempt();
        // Committed and answered: the next check finds it (the answer carried no new fact).
        pause = 0;
      } catch (error) {
        lastError = error;
        // A lost answer (timeout, reset): give a command still running time to commit or fail.
        if (!(error instanceof HttpAnswerError)) await sleep(2000);
      }
      await sleep(pause);
    }
  }

  async run(kind: Kind, caseReference: string): Promise<LifecycleResult> {
    const result: LifecycleResult = { kind, caseReference, acknowledged: false, completed: false };
    const deadline = Date.now() + this.options.deadlineMs;
    let stepName = 'file';
    const at = (step: string) => {
      stepName = step;
      this.steps.set(caseReference, step);
    };
    at('file');
    try {
      const requestId = await this.step(
        stepName,
        deadline,
        async () => (await this.logs.find('requests', 'requests.RequestFiled', 'caseReference', caseReference))?.aggregate_id,
        () =>
          call(this.deployment, 'officer.li', 'POST', this.url('requests', '/v1/requests'), {
            kind,
            caseReference,
            purpose: `chaos ${kind}: the bag snatching at the mall entrance`,
            cameraIds: [CAMERA],
            window: this.options.window,
          }),
      );
      result.acknowledged = true;
      result.requestId = requestId;
      at('co-sign');
      await this.step(
        stepName,
        deadline,
        async () => (await this.logs.find('requests', 'requests.RequestCoSigned', 'aggregate', requestId)) && true,
        () => call(this.deployment, 'officer.zhang', 'POST', this.url('requests', `/v1/requests/${requestId}/co-sign`), {}),
      );
      if (kind === 'COPY') await this.copy(requestId, deadline, at);
      else await this.view(requestId, deadline, at);
      result.completed = true;
    } catch (error) {
      result.stuckAt = `${stepName}: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.steps.delete(caseReference);
    }
    return result;
  }

  private async copy(requestId: string, deadline: number, at: (step: string) => void): Promise<void> {
    at('approve');
    // The signed document travels in the grant event: read from the log, whichever attempt committed it.
    const signedDocument = await this.step(
      'approve',
      deadline,
      async () => (await this.logs.find('approvals', 'approvals.ApprovalGranted', 'requestId', requestId))?.payload.signedDocument,
      // Until the case arrived through the broker, the approval is refused (404): retried.
      () => call(this.deployment, 'head.yanta', 'POST', this.url('approvals', `/v1/approval-cases/${requestId}/approve`), {}),
    );
    at('export');
    const exportId = await this.step(
      'export',
      deadline,
      async () => (await this.logs.find('storage', 'storage.ExportPackaged', 'requestId', requestId))?.payload.exportId as string | undefined,
      () => call(this.deployment, 'operator.mall', 'POST', this.url('storage', '/v1/footage/exports'), { approval: signedDocument }),
    );
    at('evidence item');
    const opened = await this.step(
      'evidence item (through the broker)',
      deadline,
      () => this.logs.find('custody', 'custody.EvidenceItemOpened', 'exportId', exportId),
      async () => undefined,
    );
    const item = `/v1/evidence-items/${encodeURIComponent(opened.payload.evidenceItemId as string)}`;
    at('hand-over');
    const handOverId = await this.step(
      'hand-over',
      deadline,
      async () => (await this.logs.find('custody', 'custody.HandOverInitiated', 'aggregate', opened.aggregate_id))?.payload.handOverId as string | undefined,
      () =>
        call(this.deployment, 'officer.li', 'POST', this.url('custody', `${item}/hand-overs`), {
          approval: signedDocument,
          purpose: 'chaos: evidence for case review',
        }),
    );
    at('hand-over confirmation');
    await this.step(
      'hand-over confirmation',
      deadline,
      async () => (await this.logs.find('custody', 'custody.HandedOver', 'handOverId', handOverId)) && true,
      () => call(this.deployment, 'officer.zhang', 'POST', this.url('custody', `${item}/hand-overs/${handOverId}/confirmation`), {}),
    );
  }

  private async view(requestId: string, deadline: number, at: (step: string) => void): Promise<void> {
    at('session');
    const sessionId = await this.step(
      'session',
      deadline,
      async () => (await this.logs.find('custody', 'custody.ViewingSessionOpened', 'requestId', requestId))?.payload.sessionId as string | undefined,
      // Until the co-signed request arrived through the broker, the session is refused: retried.
      () => call(this.deployment, 'operator.mall', 'POST', this.url('custody', '/v1/viewing-sessions'), { requestId, durationMinutes: 30 }),
    );
    for (const officer of ['officer.li', 'officer.zhang']) {
      at(`join (${officer})`);
      await this.step(
        `join (${officer})`,
        deadline,
        async () => {
          const { rows } = await this.logs
            .pool('custody')
            .query(
              `SELECT 1 FROM es_events WHERE type = 'custody.OfficerJoinedViewing' AND envelope->'payload'->>'sessionId' = $1
                 AND envelope->'actor'->>'subject' = $2`,
              [sessionId, `dev:${officer}`],
            );
          return rows.length > 0 || undefined;
        },
        () => call(this.deployment, officer, 'POST', this.url('custody', `/v1/viewing-sessions/${sessionId}/join`), {}),
      );
    }
  }

  async close(): Promise<void> {
    await this.logs.close();
  }
}

/** The owner ingests one clip as footage of the camera in `window` (every lifecycle's export holds it). */
export async function ingestFootage(deployment: Deployment, clip: Buffer, segmentId: string, window: { from: string }): Promise<void> {
  const token = await fetchJson<{ access_token: string }>('POST', `${deployment.urlOf('registry')}/dev/token`, undefined, {
    username: 'operator.mall',
  });
  const from = new Date(Date.parse(window.from) + 60_000);
  const query = new URLSearchParams({
    cameraId: CAMERA,
    from: from.toISOString(),
    to: new Date(from.getTime() + 8_000).toISOString(),
    container: 'mp4',
    codec: 'h264',
  });
  const response = await fetch(`${deployment.urlOf('storage')}/v1/footage/segments/${segmentId}?${query.toString()}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'video/mp4' },
    body: clip,
  });
  if (response.status !== 201) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
}
