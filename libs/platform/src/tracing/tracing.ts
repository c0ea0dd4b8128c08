import { Context, context, propagation, Span, SpanOptions, trace, Tracer, TracerProvider } from '@opentelemetry/api';
import type { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { currentRequestContext } from '../logging/request-context';
import { OtlpJsonSpanExporter } from './otlp-json.exporter';

/** The settings tracing reads (CommonConfig's `OTEL_*`), so that a narrow test can pass them alone. */
export interface TracingSettings {
  readonly OTEL_EXPORTER_OTLP_ENDPOINT: string;
  readonly OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: string;
  readonly OTEL_EXPORTER_OTLP_HEADERS: string;
  readonly OTEL_BSP_SCHEDULE_DELAY: number;
}

/**
 * A span attribute naming the service a span belongs to, where the work runs outside a request
 * of that service (the relay's and the consumers' loops): the embedded mode and the tests run
 * several services in one process, and each service's spans must carry its own `service.name`.
 */
export const SERVICE_SPAN_ATTRIBUTE = 'custos.service';

/**
 * Where the spans go: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given, else
 * OTEL_EXPORTER_OTLP_ENDPOINT with `/v1/traces` (the OTLP/HTTP convention); none: no tracing.
 */
export function tracesUrlOf(settings: TracingSettings): string | undefined {
  const traces = settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT.trim();
  if (traces !== '') return traces;
  const base = settings.OTEL_EXPORTER_OTLP_ENDPOINT.trim();
  return base === '' ? undefined : `${base.replace(/\/+$/, '')}/v1/traces`;
}

/** `key=value,key2=value2` (OTEL_EXPORTER_OTLP_HEADERS, values URL-encoded) as a header map. */
export function otlpHeadersOf(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    headers[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return headers;
}

/** One SDK provider per service of the process (its own `service.name`), each with its exporter. */
const providers = new Map<string, { provider: BasicTracerProvider; users: number }>();

/** True once a service of this process exports traces; everything else then costs nothing. */
export function tracingEnabled(): boolean {
  return providers.size > 0;
}

/**
 * Starts exporting `service`'s spans over OTLP/HTTP (JSON) when an endpoint is configured, and
 * returns what flushes and stops it; without one it returns undefined and loads nothing: the
 * API stays the no-op it is by default (one cheap call where a span would start). The SDK is
 * required here, not imported at the top, so that a service without an endpoint never loads it.
 */
export function startTracing(service: string, settings: TracingSettings): (() => Promise<void>) | undefined {
  const url = tracesUrlOf(settings);
  if (url === undefined) return undefined;
  let entry = providers.get(service);
  if (!entry) {
    const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
    const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
    const { ATTR_SERVICE_NAME } = require('@opentelemetry/semantic-conventions') as typeof import('@opentelemetry/semantic-conventions');
    const exporter = new OtlpJsonSpanExporter(url, otlpHeadersOf(settings.OTEL_EXPORTER_OTLP_HEADERS));
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: service }),
      spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: settings.OTEL_BSP_SCHEDULE_DELAY })],
    });
    entry = { provider, users: 0 };
    providers.set(service, entry);
    installGlobals();
  }
  entry.users++;
  const started = entry;
  let stopped = false;
  return async () => {
    if (stopped) return;
    stopped = true;
    if (--started.users > 0) return started.provider.forceFlush();
    if (providers.get(service) === started) providers.delete(service);
    await started.provider.shutdown();
  };
}

let globalsInstalled = false;

/** The API's globals, once per process: W3C trace context, async context, the routing provider. */
function installGlobals(): void {
  if (globalsInstalled) return;
  globalsInstalled = true;
  const { W3CTraceContextPropagator } = require('@opentelemetry/core') as typeof import('@opentelemetry/core');
  const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks') as typeof import('@opentelemetry/context-async-hooks');
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(new ServiceRoutingProvider());
}

/**
 * The process's tracer provider: a span goes to the provider of the service it belongs to, named
 * by its `custos.service` attribute, else by the request it runs in, else the first service
 * started. A library (the event store) thus traces through the plain API without knowing which
 * service of the process it serves.
 */
class ServiceRoutingProvider implements TracerProvider {
  getTracer(name: string, version?: string): Tracer {
    const tracerOf = (attributes: SpanOptions['attributes']) => providerFor(attributes)?.getTracer(name, version);
    return {
      startSpan(spanName: string, options?: SpanOptions, ctx?: Context): Span {
        const tracer = tracerOf(options?.attributes);
        return tracer ? tracer.startSpan(spanName, options, ctx) : trace.wrapSpanContext(trace.getSpanContext(ctx ?? context.active()) ?? INVALID);
      },
      startActiveSpan<F extends (span: Span) => unknown>(spanName: string, ...args: unknown[]): ReturnType<F> {
        const fn = args[args.length - 1] as (span: Span) => ReturnType<F>;
        const options = (args.length >= 2 ? args[0] : undefined) as SpanOptions | undefined;
        const ctx = (args.length >= 3 ? args[1] : undefined) as Context | undefined;
        const span = this.startSpan(spanName, options, ctx);
        return context.with(trace.setSpan(ctx ?? context.active(), span), fn, undefined, span) as ReturnType<F>;
      },
    };
  }
}

const INVALID = { traceId: '00000000000000000000000000000000', spanId: '0000000000000000', traceFlags: 0 };

function providerFor(attributes: SpanOptions['attributes']): BasicTracerProvider | undefined {
  const named = attributes?.[SERVICE_SPAN_ATTRIBUTE];
  const service = typeof named === 'string' && providers.has(named) ? named : currentRequestContext()?.service;
  return (service !== undefined ? providers.get(service) : undefined)?.provider ?? providers.values().next().value?.provider;
}

/** The tracer of Custos's own spans (HTTP server and client spans; the event store has its own name). */
export function custosTracer(): Tracer {
  return trace.getTracer('@custos/platform');
}
