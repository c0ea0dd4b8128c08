import { useSyncExternalStore } from 'react';
import { INBOX_CAP, type InboxCounts } from '../../../src/inbox-counts';
import { getSession, setSession } from '../session';

export { INBOX_CAP, INBOX_KEYS, type InboxCounts, type InboxKey } from '../../../src/inbox-counts';

export interface SseEvent {
  readonly event: string;
  readonly data: string;
}

/**
 * An incremental parser of the server-sent events format (WHATWG HTML §9.2.6): text is fed as it
 * arrives, in chunks cut anywhere; each complete event (ended by a blank line) comes out once.
 * Comment lines (`: keep-alive`) and fields other than `event` and `data` are skipped; several
 * `data` lines join with newlines; an event without data is not dispatched.
 */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];

  feed(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const out: SseEvent[] = [];
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      // A lone \r at the end may be the first half of \r\n: wait for the next chunk.
      if (this.buffer[newline] === '\r' && newline === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + (this.buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (this.data.length > 0) out.push({ event: this.event || 'message', data: this.data.join('\n') });
        this.event = '';
        this.data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') this.event = value;
      else if (field === 'data') this.data.push(value);
    }
    return out;
  }
}

/** A count as the menu and the home page show it: nothing for zero or unknown, `100+` at the cap. */
export function badgeText(count: number | null | undefined): string | null {
  if (!count) return null;
  return count >= INBOX_CAP ? `${INBOX_CAP}+` : String(count);
}

const EMPTY: InboxCounts = { coSign: null, approval: null, fulfilment: null, receipt: null, escalated: null };
let counts: InboxCounts = EMPTY;
const listeners = new Set<() => void>();
function publish(next: InboxCounts): void {
  counts = next;
  listeners.forEach((l) => l());
}

/**
 * Reads the stream with fetch (EventSource cannot send the Authorization header; the bearer token
 * stays out of URLs and logs) until `signal` aborts; reconnects after a dropped connection,
 * waiting longer each time (1 s … 30 s). `unauthorized` (the services no longer accept the
 * token) signs the person out, as any 401 does.
 */
export async function followInbox(accessToken: string, signal: AbortSignal, onCounts: (c: InboxCounts) => void): Promise<void> {
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      const res = await fetch('/api/inbox/stream', {
        headers: { Authorization: `Bearer ${accessToken}`, Accept: 'text/event-stream' },
        signal,
        cache: 'no-store',
      });
      if (res.status === 401) return signOutIfCurrent(accessToken);
      if (res.ok && res.body) {
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        const parser = new SseParser();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const e of parser.feed(value)) {
            if (e.event === 'unauthorized') return signOutIfCurrent(accessToken);
            if (e.event === 'counts') {
              onCounts({ ...EMPTY, ...(JSON.parse(e.data) as Partial<InboxCounts>) });
              attempt = 0;
            }
          }
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    await new Promise((r) => setTimeout(r, Math.min(30_000, 1_000 * 2 ** attempt)));
  }
}

function signOutIfCurrent(accessToken: string): void {
  if (getSession()?.accessToken === accessToken) setSession(null);
}

/** Starts the signed-in person's stream for the shell; returns the stop. */
export function startInbox(accessToken: string): () => void {
  const stop = new AbortController();
  void followInbox(accessToken, stop.signal, publish);
  return () => {
    stop.abort();
    publish(EMPTY);
  };
}

/** The latest counts, re-rendering when the server pushes new ones. */
export function useInbox(): InboxCounts {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => counts,
  );
}
