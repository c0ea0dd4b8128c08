import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { errorForLog } from '../logging/log-redaction';
import { currentCorrelationId } from '../logging/request-context';
import { errorResponseOf } from './error-response';
import { PROBLEM_JSON, problemDetailsOf } from './problem-details';

/**
 * The last word on every HTTP error: an RFC 9457 problem document (`application/problem+json`)
 * with a stable `code` (and the `rule` that refused, if any) and the correlation id; the
 * unexpected is logged with its stack and answered with `CUSTOS_INTERNAL_ERROR` only.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request | undefined>();
    const { status, body, expected } = errorResponseOf(exception);
    const correlationId = currentCorrelationId();
    if (!expected) {
      this.logger.error({
        msg: 'unexpected error',
        err: exception instanceof Error ? errorForLog(exception) : { thrown: typeof exception },
      });
    } else if (status >= 500) {
      this.logger.warn({ msg: body.message, code: body.code, status });
    } else {
      this.logger.debug({ msg: body.message, code: body.code, status });
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    // The path only: a query string may carry what the logs and the client's screen should not.
    const instance = request?.originalUrl?.split('?')[0];
    response
      .status(status)
      .type(PROBLEM_JSON)
      .send(JSON.stringify(problemDetailsOf(body, { instance, correlationId })));
  }
}
