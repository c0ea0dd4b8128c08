import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { getJson, HttpServiceClientOptions, tracedServiceCall } from '@custos/platform';
import { blockGet } from './block-get';
import type { ByteRange, FootageSource, SegmentQueryScope, SegmentRef } from '../domain/footage-source.port';

/** A page of `GET /footage/service/segments` of the storage service (role SERVICE). */
interface SegmentsJson {
  readonly nextCursor: string | null;
  readonly items: readonly {
    readonly segmentId: string;
    readonly organisationId: string;
    readonly cameraId: string;
    readonly from: string;
    readonly to: string;
    readonly contentType: string;
    readonly sizeBytes: number;
    readonly sha256: string;
  }[];
}

/**
 * Footage from the storage service's API, with custody's own token (role SERVICE): segment
 * queries (`GET /footage/service/segments`), a segment's bytes with HTTP Range
 * (`GET /footage/segments/:id/content`) and export packages (`GET /footage/exports/:id`).
 * Bodies are streamed through, never buffered. Any answer but the expected one is storage
 * failing: it throws, and the request fails instead of serving something else.
 */
export class HttpFootageSource implements FootageSource {
  constructor(private readonly options: HttpServiceClientOptions) {}

  async segmentsCovering(
    cameraIds: readonly string[],
    window: { from: string; to: string },
    scope?: SegmentQueryScope,
  ): Promise<SegmentRef[]> {
    if (cameraIds.length === 0) return [];
    const query = new URLSearchParams({ from: window.from, to: window.to });
    for (const cameraId of cameraIds) query.append('cameraIds', cameraId);
    if (scope?.organisationId !== undefined) query.set('organisationId', scope.organisationId);
    query.set('limit', '200');
    const found: SegmentsJson['items'][number][] = [];
    // Every page of the window, by the cursor storage gives (issue 15).
    for (let cursor: string | null = null, first = true; first || cursor !== null; first = false) {
      if (cursor !== null) query.set('cursor', cursor);
      const page: SegmentsJson | undefined = await getJson<SegmentsJson>(this.options, 'storage', `/v1/footage/service/segments?${query.toString()}`);
      found.push(...(page?.items ?? []));
      cursor = page?.nextCursor ?? null;
    }
    return found.map((s) => ({
      segmentId: s.segmentId,
      cameraId: s.cameraId,
      startsAt: s.from,
      endsAt: s.to,
      sizeBytes: Number(s.sizeBytes),
      contentType: s.contentType,
      sha256: s.sha256,
    }));
  }

  async readSegment(
    segmentId: string,
    range?: ByteRange,
  ): Promise<{ body: Readable; totalBytes: number; contentType: string; range?: ByteRange }> {
    const response = await this.get(
      `/v1/footage/segments/${encodeURIComponent(segmentId)}/content`,
      range === undefined ? {} : { range: `bytes=${range.start}-${range.end}` },
    );
    const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
    if (range === undefined) {
      if (response.status !== 200) return this.fail(response, segmentId);
      return { body: bodyOf(response), totalBytes: Number(response.headers.get('content-length')), contentType };
    }
    if (response.status !== 206) return this.fail(response, segmentId);
    const served = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
    if (!served) return this.fail(response, segmentId);
    return {
      body: bodyOf(response),
      totalBytes: Number(served[3]),
      contentType,
      range: { start: Number(served[1]), end: Number(served[2]) },
    };
  }

  /**
   * A package as stored: straight from the object store when storage gives a presigned URL of
   * the stored version (`GET /footage/exports/:id/source`), else through storage. Either way as
   * a plain Node stream, no web-stream bridge; from a plain-HTTP store in blocks of 1 MiB read
   * straight off the socket (blockGet). The size the store answers must be the one recorded.
   */
  async readPackage(exportId: string): Promise<{ body: Readable; sizeBytes: number; sha256: string }> {
    const id = encodeURIComponent(exportId);
    const source = await getJson<PackageSourceJson>(this.options, 'storage', `/v1/footage/exports/${id}/source`);
    if (source?.url !== undefined) {
      const stored = await objectGet(new URL(source.url), this.options.timeoutMs);
      if (stored.statusCode !== 200 || stored.sizeBytes !== Number(source.sizeBytes)) {
        stored.body.destroy();
        throw new FootageUnavailableError(exportId, stored.statusCode);
      }
      return { body: stored.body, sizeBytes: stored.sizeBytes, sha256: source.sha256 };
    }
    const url = this.url(`/v1/footage/exports/${id}`);
    const response = await tracedServiceCall(
      { service: 'storage', method: 'GET', url },
      async (headers) => streamGet(url, { authorization: `Bearer ${await this.options.serviceToken()}`, ...headers }, this.options.timeoutMs),
      (answer) => answer.statusCode ?? 0,
    );
    if (response.statusCode !== 200) {
      response.resume();
      throw new FootageUnavailableError(exportId, response.statusCode ?? 0);
    }
    return {
      body: response,
      sizeBytes: Number(response.headers['content-length']),
      sha256: String(response.headers['x-custos-package-sha256'] ?? ''),
    };
  }

  private url(path: string): URL {
    const base = this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`;
    return new URL(path.replace(/^\//, ''), base);
  }

  private async get(path: string, headers: Record<string, string>): Promise<Response> {
    const url = this.url(path);
    // The timeout bounds the wait for the answer's head only: a long body may stream for longer.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 5000);
    try {
      // The correlation id and trace context go along, as on every call to another service.
      return await tracedServiceCall(
        { service: 'storage', method: 'GET', url },
        async (carried) =>
          (this.options.fetch ?? fetch)(url, {
            headers: { authorization: `Bearer ${await this.options.serviceToken()}`, ...headers, ...carried },
            signal: controller.signal,
          }),
        (answer) => answer.status,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private async fail(response: Response, id: string): Promise<never> {
    await response.arrayBuffer().catch(() => undefined);
    throw new FootageUnavailableError(id, response.status);
  }
}

/** Storage did not answer with the bytes asked for (404: no such segment or package). */
export class FootageUnavailableError extends Error {
  constructor(
    readonly id: string,
    readonly status: number,
  ) {
    super(`storage answered ${status} for ${id}`);
    this.name = 'FootageUnavailableError';
  }
}

/** `GET /footage/exports/:id/source` of the storage service. */
interface PackageSourceJson {
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly url?: string;
}

/** A presigned GET of the object store: from a plain-HTTP store in blocks (blockGet), else through node:https. */
async function objectGet(url: URL, timeoutMs = 5000): Promise<{ statusCode: number; sizeBytes: number; body: Readable }> {
  if (url.protocol === 'http:') {
    const answer = await blockGet(url, timeoutMs);
    return { statusCode: answer.statusCode, sizeBytes: Number(answer.headers['content-length']), body: answer.body };
  }
  const response = await streamGet(url, {}, timeoutMs);
  return { statusCode: response.statusCode ?? 0, sizeBytes: Number(response.headers['content-length']), body: response };
}

/**
 * A GET whose body is streamed as it arrives. The timeout bounds the wait for the answer's
 * head only: a long body may stream for longer.
 */
function streamGet(url: URL, headers: Record<string, string>, timeoutMs = 5000): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).get(url, { headers }, (response) => {
      clearTimeout(timer);
      resolve(response);
    });
    const timer = setTimeout(() => request.destroy(new Error(`no answer from ${url.host} within ${timeoutMs} ms`)), timeoutMs);
    request.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function bodyOf(response: Response): Readable {
  if (response.body === null) return Readable.from([]);
  return Readable.fromWeb(response.body);
}
