import { Logger } from '@nestjs/common';
import { PeriodicTask, PeriodicTaskOptions } from '@custos/eventstore';
import type { PoolClient } from 'pg';
import type { AccessRequest } from '../domain/access-request.aggregate';
import { AccessRequests } from '../domain/access-requests.port';

const SERVICE_ACTOR = { subject: 'service:requests', roles: ['SERVICE'] };

/**
 * A sweep the requests service makes of its own accord (expiry, escalation): run on a timer that
 * survives a database outage (a failed sweep is logged with its code and tried again after a
 * growing pause, PeriodicTask), each request changed on its own stream with optimistic
 * concurrency, so that a replica losing the race to another gets a conflict and skips it.
 */
export abstract class RequestsSweep {
  protected readonly logger = new Logger('Requests');
  private timer?: PeriodicTask;

  protected constructor(
    protected readonly requests: AccessRequests,
    /** When it runs, and the code a failed sweep is logged with. */
    private readonly schedule: PeriodicTaskOptions,
  ) {}

  /** One sweep at the service's present instant. */
  protected abstract sweep(): Promise<unknown>;

  /**
   * Changes one request as the service: `change` says whether it recorded anything; a request
   * gone, a lost race or a failure is logged (`failure`) and answers false.
   */
  protected changeAsService(
    requestId: string,
    correlationId: string,
    failure: string,
    change: (request: AccessRequest, tx: PoolClient) => Promise<boolean> | boolean,
  ): Promise<boolean> {
    return this.requests
      .transaction(async (tx) => {
        const request = await this.requests.load(requestId, tx);
        if (request === undefined || !(await change(request, tx))) return false;
        await this.requests.save(request, { actor: SERVICE_ACTOR, correlationId }, tx);
        return true;
      })
      .catch((error: unknown) => {
        this.logger.warn({ msg: failure, requestId, reason: String((error as Error)?.message ?? error) });
        return false;
      });
  }

  start(): void {
    this.timer ??= new PeriodicTask(() => this.sweep(), this.schedule);
    this.timer.start();
  }

  async stop(): Promise<void> {
    await this.timer?.stop();
    this.timer = undefined;
  }
}
