import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { startOtlpReceiver } from '@custos/testing';
import { runWithRequestContext } from '../logging/request-context';
import { getJson } from '../service-clients/http-json';
import { startTracing, tracesUrlOf, TracingSettings, tracingEnabled } from './tracing';

const settings = (over: Partial<TracingSettings> = {}): TracingSettings => ({
  OTEL_EXPORTER_OTLP_ENDPOINT: '',
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '',
  OTEL_EXPORTER_OTLP_HEADERS: '',
  OTEL_BSP_SCHEDULE_DELAY: 50,
  ...over,
});

describe('tracing (issue 15)', () => {
  it('starts nothing without a collector: no SDK, no span, no trace header', async () => {
    expect(startTracing('requests', settings())).toBeUndefined();
    expect(tracingEnabled()).toBe(false);
    expect(trace.getTracer('t').startSpan('nothing').isRecording()).toBe(false);
  });

  it('sends spans to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given, else to the base endpoint + /v1/traces', () => {
    expect(tracesUrlOf(settings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }))).toBe('http://collector:4318/v1/traces');
    expect(tracesUrlOf(settings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b/traces' }))).toBe('http://b/traces');
  });

  it("exports each service's spans under its own service.name, and a service call carries the trace context and the correlation id", async () => {
    const receiver = await startOtlpReceiver();
    const seen: http.IncomingHttpHeaders[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const stops = ['requests', 'approvals'].map((s) => startTracing(s, settings({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=k%201' }))!);
    try {
      const traceId = await runWithRequestContext({ service: 'approvals', correlationId: 'corr-7' }, () =>
        trace.getTracer('t').startActiveSpan('work', async (span) => {
          await getJson({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, serviceToken: async () => 't' }, 'registry', '/x');
          span.end();
          return span.spanContext().traceId;
        }),
      );
      runWithRequestContext({ service: 'requests' }, () => trace.getTracer('t').startSpan('other').end());
      for (const stop of stops) await stop();
      expect(seen[0]).toMatchObject({ 'x-correlation-id': 'corr-7', traceparent: expect.stringMatching(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`)) });
      const client = receiver.spans.find((s) => s.name === 'GET registry');
      expect(client).toMatchObject({ service: 'approvals', traceId, kind: 3 });
      expect(seen[0].traceparent).toContain(client!.spanId);
      expect(receiver.spans.find((s) => s.name === 'work')).toMatchObject({ service: 'approvals' });
      expect(receiver.spans.find((s) => s.name === 'other')).toMatchObject({ service: 'requests' });
      expect(receiver.refused).toEqual([]);
      expect(tracingEnabled()).toBe(false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await receiver.close();
    }
  });
});
