import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { runWithRequestContext } from './request-context';

export const CORRELATION_HEADER = 'x-correlation-id';

/**
 * A caller's id is only taken when it looks like an id: it goes into every log line and
 * response header, so free text (newlines, JSON, personal data) must not get in.
 */
const ACCEPTABLE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function correlationIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && ACCEPTABLE_ID.test(given) ? given : randomUUID();
}

/**
 * Express middleware: takes the caller's `x-correlation-id` (or makes one), echoes it in the
 * response and runs the rest of the request inside its context, so that logs, errors and
 * the events the request causes all carry it.
 */
export function correlationMiddleware(service: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const correlationId = correlationIdFrom(req.headers[CORRELATION_HEADER]);
    res.setHeader(CORRELATION_HEADER, correlationId);
    runWithRequestContext({ correlationId, service }, next);
  };
}
