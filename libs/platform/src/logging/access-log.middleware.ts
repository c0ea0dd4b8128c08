import { Logger } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { currentRequestContext, runWithRequestContext } from './request-context';

const PROBES = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * One access line per request, `{ msg: 'request', method, path, status, durationMs }`, with
 * the request's correlation id (and `traceId` when tracing is on): what an operator greps first.
 * The path only, never the query, which may carry what the logs should not; the probes' lines
 * are debug, not to drown the rest. Registered after the correlation middleware and the server
 * span, whose contexts it carries to the line.
 */
export function accessLogMiddleware() {
  const logger = new Logger('Access');
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const context = currentRequestContext() ?? {};
    // With tracing on, the line names the request's trace, to go from a log line to its spans.
    const traceId = trace.getActiveSpan()?.spanContext().traceId;
    res.once('close', () => {
      const path = (req.originalUrl ?? req.url).split('?')[0];
      const line = {
        msg: 'request',
        method: req.method,
        path,
        status: res.statusCode,
        durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        ...(traceId === undefined ? {} : { traceId }),
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      runWithRequestContext(context, () => (PROBES.has(path) ? logger.debug(line) : logger.log(line)));
    });
    next();
  };
}
