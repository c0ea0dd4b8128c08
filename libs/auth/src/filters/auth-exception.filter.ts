import { ArgumentsHost, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { DeniedRequest } from '../denials/access-denial.factory';
import { AccessDenialService } from '../denials/access-denial.service';
import { AuthError } from '../errors/auth.errors';

/**
 * Answers every AuthError (401, 403, 503) with the coded JSON body and makes sure it is
 * recorded (a no-op when a guard or the interceptor already did). The record is written before
 * the answer, so a client that saw its refusal can rely on it being on file.
 */
@Catch(AuthError)
@Injectable()
export class AuthExceptionFilter implements ExceptionFilter<AuthError> {
  constructor(
    private readonly denials: AccessDenialService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  async catch(error: AuthError, host: ArgumentsHost): Promise<void> {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    await this.denials.record(error, http.getRequest<DeniedRequest>(), http.getResponse());
    this.adapterHost.httpAdapter.reply(http.getResponse(), error.body, error.getStatus());
  }
}
