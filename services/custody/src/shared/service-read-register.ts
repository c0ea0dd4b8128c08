import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CUSTODY_FOOTAGE_READ_BY_SERVICE,
  FootageReadByService,
  payloadIf,
  serviceReadsAggregateId,
  ServiceReadOnBehalfOf,
} from '@custos/contracts';
import { EventStore, EventStoreError } from '@custos/eventstore';
import { currentCorrelationId } from '@custos/platform';
import { CUSTODY_CLOCK, CUSTODY_EVENT_STORE, CUSTODY_OPTIONS } from '../custody.tokens';
import type { CustodyModuleOptions } from '../custody.options';

export interface ServiceRead {
  readonly source: FootageReadByService['source'];
  readonly objectId: string;
  readonly onBehalfOf: { readonly kind: ServiceReadOnBehalfOf; readonly id: string };
  readonly reason: 'PLAYBACK' | 'DELIVERY' | 'INTEGRITY_CHECK';
}

/**
 * Custody's reads of footage from storage, as a service principal, go into the access register
 * like any officer's (R16.6, issue 16): before custody reads a segment or a package it records
 * `custody.FootageReadByService`, naming its client and the session or evidence item the read
 * serves. Each read of a package (a delivery, a re-hash) is one fact; the ranges a player
 * fetches of one segment in one session are one read, so playback does not flood the register
 * or the ledger.
 */
@Injectable()
export class ServiceReadRegister {
  private readonly clientId: string;

  constructor(
    @Inject(CUSTODY_EVENT_STORE) private readonly store: EventStore,
    @Inject(CUSTODY_CLOCK) private readonly clock: () => Date,
    @Inject(CUSTODY_OPTIONS) options: CustodyModuleOptions,
  ) {
    this.clientId = options.serviceClientId ?? 'custody';
  }

  async register(read: ServiceRead): Promise<void> {
    const aggregateId = serviceReadsAggregateId(read.onBehalfOf.kind, read.onBehalfOf.id);
    const earlier = await this.store.readStream(aggregateId);
    const already = read.source === 'SEGMENT' && earlier.some((e) => {
      const p = payloadIf(e, CUSTODY_FOOTAGE_READ_BY_SERVICE);
      return p?.source === read.source && p.objectId === read.objectId;
    });
    if (already) return;
    const payload: FootageReadByService = {
      service: 'custody',
      clientId: this.clientId,
      source: read.source,
      objectId: read.objectId,
      onBehalfOfKind: read.onBehalfOf.kind,
      onBehalfOfId: read.onBehalfOf.id,
      reason: read.reason,
      at: this.clock().toISOString(),
    };
    try {
      await this.store.append({
        aggregateId,
        expectedVersion: earlier.length,
        events: [
          {
            type: CUSTODY_FOOTAGE_READ_BY_SERVICE,
            schemaVersion: 1,
            payload: { ...payload },
            actor: { subject: `service:${this.clientId}`, roles: ['SERVICE'] },
            correlationId: currentCorrelationId() ?? randomUUID(),
          },
        ],
      });
    } catch (error) {
      // Another range of the same case registered first: that read is registered already, or
      // is being; anything else must stop the read, since no byte may leave unregistered.
      if (!(error instanceof EventStoreError && error.code === 'CUSTOS_ES_CONCURRENCY_CONFLICT')) throw error;
      await this.register(read);
    }
  }
}
