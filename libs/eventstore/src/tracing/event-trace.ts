import { EventEnvelope, EventTraceContext } from '@custos/contracts';
import { Context, context, Link, propagation, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

/**
 * Traces across the bus (issue 15), through the OpenTelemetry API only: the service's bootstrap
 * decides whether spans are recorded and exported (libs/platform's tracing); without it every
 * call here is the API's no-op, and events carry no trace context.
 *
 * An append inside a traced request (or a traced consumer) is a producer span, child of it; its
 * W3C context is stored with each event (`EventEnvelope.trace`), so it survives the outbox and
 * reaches any bus. The relay's publish span links the events it sends; a consumer's span is a
 * child of the append that stored the event.
 */
const tracer = () => trace.getTracer('@custos/eventstore');

/** Span attribute naming the service (several run in one process); libs/platform routes by it. */
const SERVICE = 'custos.service';

/** An append's producer span and the trace context its events carry; none outside a traced span. */
export function startAppendSpan(service: string, types: readonly string[]): { span: Span; trace: EventTraceContext } | undefined {
  if (!trace.getActiveSpan()) return undefined;
  const span = tracer().startSpan(`append ${service}`, {
    kind: SpanKind.PRODUCER,
    attributes: { [SERVICE]: service, 'messaging.operation.type': 'create', 'custos.event_types': [...new Set(types)] },
  });
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), carrier);
  if (carrier.traceparent === undefined) {
    span.end();
    return undefined;
  }
  return { span, trace: { traceparent: carrier.traceparent, ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}) } };
}

/** Ends an append's span, marked failed when the append was refused. */
export function endSpan(span: Span | undefined, error?: unknown): void {
  if (!span) return;
  if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: String((error as Error)?.message ?? error) });
  span.end();
}

/** The context an event's stored trace continues, or undefined for an event without one. */
function parentOf(stored: EventTraceContext | undefined): Context | undefined {
  if (!stored || typeof stored.traceparent !== 'string') return undefined;
  const parent = propagation.extract(ROOT_CONTEXT, stored);
  return trace.getSpanContext(parent) ? parent : undefined;
}

/**
 * The relay's publish span for one batch, linked to the appends of its events. Only envelopes
 * that name a trace are parsed for it, and only when spans are recorded.
 */
export function startPublishSpan(service: string, topic: string, canonicals: readonly string[]): Span {
  const span = tracer().startSpan(`publish ${topic}`, {
    kind: SpanKind.PRODUCER,
    attributes: { [SERVICE]: service, 'messaging.operation.type': 'send', 'messaging.destination.name': topic, 'messaging.batch.message_count': canonicals.length },
  });
  if (!span.isRecording()) return span;
  const links: Link[] = [];
  for (const canonical of canonicals) {
    const linked = trace.getSpanContext(parentOf(storedTraceOf(canonical)) ?? ROOT_CONTEXT);
    if (linked) links.push({ context: linked });
  }
  span.addLinks(links);
  return span;
}

/** The trace context stored in an envelope's canonical JSON; only one that names a trace is parsed. */
function storedTraceOf(canonical: string): EventTraceContext | undefined {
  if (!canonical.includes('"traceparent"')) return undefined;
  const stored = (JSON.parse(canonical) as EventEnvelope).trace;
  return stored && typeof stored.traceparent === 'string' ? stored : undefined;
}

/**
 * The message headers (`traceparent`, `tracestate`) of an envelope that names a trace, for
 * tools that read Kafka's headers; the consumers read the signed envelope's own copy.
 */
export function traceHeadersOf(canonical: string): { headers?: Record<string, string> } {
  const stored = storedTraceOf(canonical);
  if (!stored) return {};
  return { headers: { traceparent: stored.traceparent, ...(typeof stored.tracestate === 'string' ? { tracestate: stored.tracestate } : {}) } };
}

/** What runs around each event a consumer handles; libs/platform sets the event's correlation id there. */
type EventContext = <T>(event: EventEnvelope, work: () => Promise<T>) => Promise<T>;
let eventContext: EventContext = (_event, work) => work();

/**
 * Sets what runs around each event a consumer handles: the platform runs it in the event's
 * correlation id, so that the handler's log lines, and any call it makes to another service,
 * carry the id of the request that caused the event.
 */
export function useEventContext(context: EventContext): void {
  eventContext = context;
}

/**
 * Runs a consumer's handling of one event in a consumer span, child of the append that stored
 * the event (in the producing service, across the bus), so the events it appends in turn join the
 * same trace. An event without a trace context is handled as it is, with no span.
 */
export async function inEventSpan<T>(consumer: string, event: EventEnvelope, handle: () => Promise<T>): Promise<T> {
  const work = () => eventContext(event, handle);
  const parent = parentOf(event.trace);
  if (!parent) return work();
  const span = tracer().startSpan(
    `process ${event.type}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        [SERVICE]: consumer.split('.')[0],
        'messaging.operation.type': 'process',
        'messaging.consumer.group.name': consumer,
        'messaging.message.id': event.id,
        'custos.correlation_id': event.correlationId,
      },
    },
    parent,
  );
  try {
    const result = await context.with(trace.setSpan(parent, span), work);
    endSpan(span);
    return result;
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
}
