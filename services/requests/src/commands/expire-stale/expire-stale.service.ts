import { Inject, Injectable } from '@nestjs/common';
import { AccessRequests } from '../../domain/access-requests.port';
import { ResolvedRequestsOptions } from '../../requests.options';
import { REQUESTS_OPTIONS } from '../../requests.tokens';
import { RequestsSweep } from '../requests-sweep';

/**
 * Expires requests that no second officer co-signed by their deadline (R18.1). Idempotent and
 * safe with several replicas: each request is re-checked on its own stream, and a replica
 * that loses the race to another gets a concurrency conflict and skips that request. The timer
 * survives a database outage: a failed sweep is logged (CUSTOS_REQUESTS_EXPIRY_FAILED) and
 * tried again after a growing pause (PeriodicTask).
 */
@Injectable()
export class ExpireStaleRequests extends RequestsSweep {
  constructor(
    requests: AccessRequests,
    @Inject(REQUESTS_OPTIONS) private readonly options: ResolvedRequestsOptions,
  ) {
    super(requests, {
      name: 'RequestsExpiry',
      failureCode: 'CUSTOS_REQUESTS_EXPIRY_FAILED',
      intervalMs: options.expiryIntervalMs,
    });
  }

  protected sweep(): Promise<string[]> {
    return this.expireStale();
  }

  /** Expires every request whose deadline is at or before `now`; returns their ids. */
  async expireStale(now: Date = this.options.clock()): Promise<string[]> {
    const stale = await this.requests.staleAwaitingCoSignature(now);
    const expired: string[] = [];
    for (const id of stale) {
      if (
        await this.changeAsService(id, `expire:${id}`, 'request not expired', (request) => request.expireIfStale(now))
      )
        expired.push(id);
    }
    return expired;
  }
}
