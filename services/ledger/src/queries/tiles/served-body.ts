import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A tile or bundle as served, its response head built once with it: the bytes never change, so
 * neither do their length, ETag and caching headers. Answering is then one writeHead of a
 * ready list and one end: no per-request header building, no ETag hashing.
 */
export interface ServedBody {
  readonly body: Buffer;
  /** Strong, from the bytes' SHA-256: the same tile gets the same ETag on every replica. */
  readonly etag: string;
  /** writeHead's flat [name, value, …] list of the 200 answer, and of the 304. */
  readonly head: readonly string[];
  readonly notModifiedHead: readonly string[];
}

export function servedBody(
  body: Buffer,
  contentType: string,
  cacheControl: string,
  extra: Readonly<Record<string, string>> = {},
): ServedBody {
  const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
  const shared = ['Cache-Control', cacheControl, 'ETag', etag, ...Object.entries(extra).flat()];
  return {
    body,
    etag,
    head: ['Content-Type', contentType, 'Content-Length', String(body.length), ...shared],
    notModifiedHead: shared,
  };
}

/** Whether the caller already holds these bytes (If-None-Match names the ETag, or `*`). */
function holds(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch === etag) return true;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/** 200 with the body, or 304 when the caller's copy is current (what a CDN revalidating asks). */
export function answerServed(req: IncomingMessage, res: ServerResponse, served: ServedBody): void {
  if (holds(req.headers['if-none-match'], served.etag)) {
    res.writeHead(304, served.notModifiedHead as string[]);
    res.end();
    return;
  }
  res.writeHead(200, served.head as string[]);
  res.end(served.body);
}
