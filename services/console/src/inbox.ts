import type { IncomingMessage, ServerResponse } from 'node:http';
import { INBOX_CAP, type InboxCounts } from './inbox-counts';
import { answerProblem } from './problem';

export type { InboxCounts } from './inbox-counts';

/** The newest evidence items a receipt count reads: the largest page custody's list gives (issue 15). */
const EVIDENCE_PAGE = 200;

export interface InboxStreamOptions {
  /** Service name → base URL (the gateway's upstreams). */
  readonly upstreams: ReadonlyMap<string, URL>;
  /** How often each open stream asks the services again (default 2 000 ms). */
  readonly pollMs?: number;
  /** At most this many streams open at once; beyond, 503 (default 500). */
  readonly maxStreams?: number;
}

interface Claims {
  readonly person?: string;
  readonly org?: string;
  readonly roles: readonly string[];
}

/**
 * The token's claims, read only to choose which lists to ask for: the services verify the token
 * on every call the stream makes with it, and a forged claim gets nothing but their refusals.
 */
function claimsOf(token: string): Claims | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const roles = Array.isArray(payload['custos:roles']) ? (payload['custos:roles'] as string[]) : [];
    return { person: payload['custos:person'] as string | undefined, org: payload['custos:org'] as string | undefined, roles };
  } catch {
    return undefined;
  }
}

class Unauthorized extends Error {}

/** One of the services' endpoints with the caller's token: its JSON, undefined when it refused or failed, Unauthorized on a 401. */
async function ask<T>(upstreams: ReadonlyMap<string, URL>, service: string, path: string, authorization: string): Promise<T | undefined> {
  const base = upstreams.get(service);
  if (!base) return undefined;
  try {
    const res = await fetch(`${base.href.replace(/\/+$/, '')}${path}`, {
      headers: { authorization, accept: 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status === 401) throw new Unauthorized();
    if (!res.ok) return undefined;
    return (await res.json()) as T;
  } catch (e) {
    if (e instanceof Unauthorized) throw e;
    return undefined;
  }
}

type Items<T = unknown> = { items?: T[] };
interface EvidenceItem {
  status?: string;
  holderOrganisationId?: string;
  pendingTransfer?: { toOrganisationId?: string } | null;
}

/** The four counts from the services' existing lists and counts, asked in parallel with the person's own token. */
export async function inboxCounts(upstreams: ReadonlyMap<string, URL>, authorization: string): Promise<InboxCounts> {
  const claims = claimsOf(authorization.replace(/^Bearer\s+/i, '')) ?? { roles: [] };
  const has = (role: string) => claims.roles.includes(role);
  const length = (answer: Items | undefined) => (answer?.items ? Math.min(answer.items.length, INBOX_CAP) : null);
  const none = Promise.resolve(null);
  const [coSign, approval, fulfilment, receipt, escalated] = await Promise.all([
    has('OFFICER') ? ask<Items>(upstreams, 'requests', `/v1/requests/awaiting-co-signature?limit=${INBOX_CAP}`, authorization).then(length) : none,
    has('APPROVER')
      ? ask<{ head?: boolean; total?: number }>(upstreams, 'approvals', '/v1/approval-cases/counts', authorization).then((c) => (c?.head && typeof c.total === 'number' ? c.total : null))
      : none,
    has('OWNER_OPERATOR') && claims.org
      ? ask<Items>(upstreams, 'requests', `/v1/owners/${encodeURIComponent(claims.org)}/fulfilment-queue?limit=${INBOX_CAP}`, authorization).then(length)
      : none,
    // A package handed over to the person's organ and not yet received (R18.5), or offered to it by a pending transfer.
    has('OFFICER') && claims.org
      ? ask<Items<EvidenceItem>>(upstreams, 'custody', `/v1/evidence-items?limit=${EVIDENCE_PAGE}`, authorization).then((answer) =>
          answer?.items
            ? answer.items.filter(
                (i) => (i.status === 'HANDED_OVER' && i.holderOrganisationId === claims.org) || i.pendingTransfer?.toOrganisationId === claims.org,
              ).length
            : null,
        )
      : none,
    has('APPROVER') || has('OVERSIGHT')
      ? ask<Items<{ fulfilledSince?: boolean }>>(upstreams, 'requests', `/v1/fulfilment-escalations?limit=${INBOX_CAP}`, authorization).then((answer) =>
          answer?.items ? answer.items.filter((x) => x.fulfilledSince === false).length : null,
        )
      : none,
  ]);
  return { coSign, approval, fulfilment, receipt, escalated };
}

/** One server-sent event (the WHATWG format: `event:` and `data:` lines, a blank line). */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * `GET /api/inbox/stream`: the person's inbox counts as server-sent events, `counts` at once and
 * again whenever they change. The browser sends its bearer token in the Authorization header
 * (the console reads the stream with fetch, not EventSource, which cannot send headers); the
 * gateway asks the services every `pollMs` with that token, one round at a time per stream, and
 * stops when the browser goes away. A token the services refuse ends the stream with
 * `unauthorized`. A comment line every 15 s keeps proxies from closing a quiet stream.
 */
export function inboxStreamRoute(options: InboxStreamOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const pollMs = options.pollMs ?? 2_000;
  const maxStreams = options.maxStreams ?? 500;
  let open = 0;
  return (req, res) => {
    const authorization = req.headers.authorization;
    if (req.method !== 'GET') return answerProblem(res, 405, 'CUSTOS_CONSOLE_METHOD_NOT_ALLOWED', 'GET only');
    if (!authorization || !/^Bearer\s+\S+/i.test(authorization)) {
      return answerProblem(res, 401, 'CUSTOS_CONSOLE_INBOX_UNAUTHENTICATED', 'a bearer token is required');
    }
    if (open >= maxStreams) return answerProblem(res, 503, 'CUSTOS_CONSOLE_INBOX_BUSY', 'too many open inbox streams');
    open++;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    res.flushHeaders();
    let closed = false;
    let last = '';
    let timer: NodeJS.Timeout | undefined;
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    const close = () => {
      if (closed) return;
      closed = true;
      open--;
      clearTimeout(timer);
      clearInterval(heartbeat);
      res.end();
    };
    res.on('close', close);
    const round = async () => {
      try {
        const counts = await inboxCounts(options.upstreams, authorization);
        if (closed) return;
        const json = JSON.stringify(counts);
        if (json !== last) {
          last = json;
          res.write(sseEvent('counts', counts));
        }
        timer = setTimeout(() => void round(), pollMs);
      } catch (e) {
        if (e instanceof Unauthorized && !closed) res.write(sseEvent('unauthorized', { status: 401 }));
        close();
      }
    };
    void round();
  };
}
