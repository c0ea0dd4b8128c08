import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * Spans to an OTLP/HTTP collector as JSON (`POST <url>`, `application/json`), with the
 * serializer of OpenTelemetry's own OTLP exporters and the platform's `fetch`. Not the packaged
 * OTLPTraceExporter: its Node transport loads `http` by a dynamic `import()`, which fails inside
 * jest's module sandbox, so the tests could never see a span. A failed export is dropped (the
 * batch processor logs it through the API's diag); it never fails the work traced.
 */
export class OtlpJsonSpanExporter implements SpanExporter {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly url: string,
    private readonly headers: Readonly<Record<string, string>> = {},
    private readonly timeoutMs = 10_000,
  ) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const { JsonTraceSerializer } = require('@opentelemetry/otlp-transformer') as typeof import('@opentelemetry/otlp-transformer');
    const { ExportResultCode } = require('@opentelemetry/core') as typeof import('@opentelemetry/core');
    const body = JsonTraceSerializer.serializeRequest(spans);
    const sending = fetch(this.url, {
      method: 'POST',
      headers: { ...this.headers, 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    }).then(async (response) => {
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`the collector answered ${response.status}`);
    });
    this.pending.add(sending);
    sending.then(
      () => done({ code: ExportResultCode.SUCCESS }),
      (error: Error) => done({ code: ExportResultCode.FAILED, error }),
    ).finally(() => this.pending.delete(sending));
  }

  async forceFlush(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  shutdown(): Promise<void> {
    return this.forceFlush();
  }
}
