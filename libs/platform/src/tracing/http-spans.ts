import { context, propagation, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { CORRELATION_HEADER } from '../logging/correlation.middleware';
import { currentCorrelationId, currentRequestContext } from '../logging/request-context';
import { custosTracer, SERVICE_SPAN_ATTRIBUTE } from './tracing';

/** The request's correlation id on its spans: what joins a trace to the log lines and events. */
export const CORRELATION_SPAN_ATTRIBUTE = 'custos.correlation_id';

/**
 * A server span per request, continuing the caller's W3C trace context (`traceparent`,
 * `tracestate`), named by method and route pattern (`GET /requests/:id`, never the path with
 * its ids), with the status code. Registered after the correlation middleware (the span carries
 * the correlation id) and only when tracing is on.
 */
export function httpServerSpanMiddleware() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const parent = propagation.extract(context.active(), req.headers);
    const correlationId = currentCorrelationId();
    const span = custosTracer().startSpan(
      req.method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': req.method,
          'url.path': (req.originalUrl ?? req.url).split('?')[0],
          ...(correlationId === undefined ? {} : { [CORRELATION_SPAN_ATTRIBUTE]: correlationId }),
        },
      },
      parent,
    );
    res.once('close', () => {
      const pattern = (req.route as { path?: unknown } | undefined)?.path;
      if (typeof pattern === 'string') {
        const route = `${req.baseUrl ?? ''}${pattern}`;
        span.updateName(`${req.method} ${route}`);
        span.setAttribute('http.route', route);
      }
      span.setAttribute('http.response.status_code', res.statusCode);
      // A 4xx is the client's: only the server's failures mark the span as an error.
      if (res.statusCode >= 500 || !res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}

/** Where a call to another service goes, for its client span. */
export interface ServiceCallTarget {
  /** `registry`, `storage`, … */
  readonly service: string;
  readonly method: string;
  readonly url: URL;
}

/**
 * Runs a call to another service in a client span and gives it the headers that carry the
 * request's correlation id and trace context along (the other service's log lines, spans and
 * events then join this request's). Without tracing only the correlation id is added.
 */
export async function tracedServiceCall<T>(
  target: ServiceCallTarget,
  call: (headers: Record<string, string>) => Promise<T>,
  statusOf: (answer: T) => number,
): Promise<T> {
  const correlationId = currentCorrelationId();
  const headers: Record<string, string> = correlationId === undefined ? {} : { [CORRELATION_HEADER]: correlationId };
  if (!trace.getActiveSpan()) return call(headers);
  const span = custosTracer().startSpan(`${target.method} ${target.service}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      'http.request.method': target.method,
      'server.address': target.url.hostname,
      'url.path': target.url.pathname,
      'peer.service': target.service,
      ...serviceAttribute(),
    },
  });
  propagation.inject(trace.setSpan(context.active(), span), headers);
  try {
    const answer = await call(headers);
    const status = statusOf(answer);
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    return answer;
  } catch (error) {
    failed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

function failed(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: String((error as Error)?.message ?? error) });
}

function serviceAttribute(): Record<string, string> {
  const service = currentRequestContext()?.service;
  return service === undefined ? {} : { [SERVICE_SPAN_ATTRIBUTE]: service };
}
