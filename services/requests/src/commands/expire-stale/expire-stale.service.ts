import { Inject, Injectable, Logger } from '@nestjs/common';
import { PeriodicTask } from '@custos/eventstore';
import { AccessRequests } from '../../domain/access-requests.port';
import { ResolvedRequestsOptions } from '../../requests.options';
import { REQUESTS_OPTIONS } from '../../requests.tokens';

const SERVICE_ACTOR = { subject: 'service:requests', roles: ['SERVICE'] };

/**
 * Expires requests that no second officer co-signed by their deadline (R18.1). Idempotent and
 * safe with several replicas: each request is re-checked on its own stream, and a replica
 * that loses the race to another gets a concurrency conflict and skips that request. The timer
 * survives a database outage: a failed sweep is logged (CUSTOS_REQUESTS_EXPIRY_FAILED) and
 * tried again after a growing pause (PeriodicTask).
 */
@Injectable()
export class ExpireStaleRequests {
  private readonly logger = new Logger('Requests');
  private timer?: PeriodicTask;

  constructor(
    private readonly requests: AccessRequests,
    @Inject(REQUESTS_OPTIONS) private readonly options: ResolvedRequestsOptions,
  ) {}

  /** Expires every request whose deadline is at or before `now`; returns their ids. */
  async expireStale(now: Date = this.options.clock()): Promise<string[]> {
    const stale = await this.requests.staleAwaitingCoSignature(now);
    const expired: string[] = [];
    for (const id of stale) {
      const done = await this.requests
        .transaction(async (tx) => {
          const request = await this.requests.load(id, tx);
          if (request === undefined || !request.expireIfStale(now)) return false;
          await this.requests.save(request, { actor: SERVICE_ACTOR, correlationId: `expire:${id}` }, tx);
          return true;
        })
        .catch((error: unknown) => {
          this.logger.warn({ msg: 'request not expired', requestId: id, reason: String((error as Error)?.message ?? error) });
          return false;
        });
      if (done) expired.push(id);
    }
    return expired;
  }

  start(): void {
    this.timer ??= new PeriodicTask(() => this.expireStale(), {
      name: 'RequestsExpiry',
      failureCode: 'CUSTOS_REQUESTS_EXPIRY_FAILED',
      intervalMs: this.options.expiryIntervalMs,
    });
    this.timer.start();
  }

  async stop(): Promise<void> {
    await this.timer?.stop();
    this.timer = undefined;
  }
}
