import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { getJson, HttpServiceClientOptions } from '@custos/platform';
import type { ByteRange, FootageSource, SegmentQueryScope, SegmentRef } from '../domain/footage-source.port';

/** `GET /footage/service/segments` of the storage service (role SERVICE). */
interface SegmentsJson {
  readonly segments: readonly {
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
    const json = await getJson<SegmentsJson>(this.options, 'storage', `/footage/service/segments?${query.toString()}`);
    return (json?.segments ?? []).map((s) => ({
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
      `/footage/segments/${encodeURIComponent(segmentId)}/content`,
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

  async readPackage(exportId: string): Promise<{ body: Readable; sizeBytes: number; sha256: string }> {
    const response = await this.get(`/footage/exports/${encodeURIComponent(exportId)}`, {});
    if (response.status !== 200) return this.fail(response, exportId);
    return {
      body: bodyOf(response),
      sizeBytes: Number(response.headers.get('content-length')),
      sha256: response.headers.get('x-custos-package-sha256') ?? '',
    };
  }

  private async get(path: string, headers: Record<string, string>): Promise<Response> {
    const base = this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`;
    const url = new URL(path.replace(/^\//, ''), base);
    // The timeout bounds the wait for the answer's head only: a long body may stream for longer.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 5000);
    try {
      return await (this.options.fetch ?? fetch)(url, {
        headers: { authorization: `Bearer ${await this.options.serviceToken()}`, ...headers },
        signal: controller.signal,
      });
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

function bodyOf(response: Response): Readable {
  if (response.body === null) return Readable.from([]);
  return Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>);
}
