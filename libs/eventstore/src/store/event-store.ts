import { randomUUID } from 'node:crypto';
import { canonicalJson, EventEnvelope, EventRegistry, PendingEvent } from '@custos/contracts';
import { Pool, PoolClient } from 'pg';
import { concurrencyConflict, EventStoreError } from '../errors';
import { inTransaction } from './sql';

export interface AppendRequest {
  readonly aggregateId: string;
  /** The version the caller decided against; `'any'` only for streams of independent facts. */
  readonly expectedVersion: number | 'any';
  readonly events: readonly PendingEvent[];
}

/** Wakes the relay and local projections as soon as an append commits. */
export const APPENDED_CHANNEL = 'es_appended';

/**
 * A service's event store on Postgres.
 *
 * Sequence: every append takes the single `es_sequence` row lock, so appends commit one after
 * another in sequence order and a sequence number is only ever visible after all lower ones.
 * A reader that has seen N can therefore never later find an N-1 it skipped: there are no
 * holes to wait for, and a number missing downstream is a real gap, never "not yet committed".
 * Rolled-back appends roll the counter back too.
 */
export class EventStore {
  constructor(
    private readonly pool: Pool,
    readonly service: string,
    private readonly registry?: EventRegistry,
  ) {}

  /** Appends to one or more streams atomically; `tx` joins a caller's transaction (inbox). */
  async append(requests: AppendRequest | readonly AppendRequest[], tx?: PoolClient): Promise<EventEnvelope[]> {
    const list = Array.isArray(requests) ? (requests as readonly AppendRequest[]) : [requests as AppendRequest];
    const count = list.reduce((n, r) => n + r.events.length, 0);
    if (count === 0) return [];
    this.validate(list);
    return tx ? this.appendIn(tx, list, count) : inTransaction(this.pool, (t) => this.appendIn(t, list, count));
  }

  async readStream(aggregateId: string, tx?: PoolClient): Promise<EventEnvelope[]> {
    const { rows } = await (tx ?? this.pool).query(
      'SELECT envelope FROM es_events WHERE aggregate_id = $1 ORDER BY aggregate_version',
      [aggregateId],
    );
    return rows.map((r) => r.envelope as EventEnvelope);
  }

  /** Events with sequence > `after`, in order; never skips one (see class comment). */
  async readFrom(after: number, limit = 1000, tx?: PoolClient): Promise<EventEnvelope[]> {
    const { rows } = await (tx ?? this.pool).query(
      'SELECT envelope FROM es_events WHERE sequence > $1 ORDER BY sequence LIMIT $2',
      [after, limit],
    );
    return rows.map((r) => r.envelope as EventEnvelope);
  }

  async headSequence(): Promise<number> {
    const { rows } = await this.pool.query('SELECT last FROM es_sequence');
    return Number(rows[0].last);
  }

  private validate(list: readonly AppendRequest[]): void {
    if (!this.registry) return;
    for (const r of list) {
      for (const e of r.events) {
        const problems = this.registry.payloadProblems(e.type, e.payload);
        if (problems.length > 0) {
          throw new EventStoreError('CUSTOS_ES_INVALID_EVENT', 400, `${e.type}: ${problems.join('; ')}`, { problems });
        }
      }
    }
  }

  private async appendIn(tx: PoolClient, list: readonly AppendRequest[], count: number): Promise<EventEnvelope[]> {
    const { rows } = await tx.query('UPDATE es_sequence SET last = last + $1 RETURNING last', [count]);
    let sequence = Number(rows[0].last) - count;
    const now = new Date().toISOString();
    const envelopes: EventEnvelope[] = [];
    const versions = await this.currentVersions(tx, list.map((r) => r.aggregateId));
    for (const request of list) {
      let version = versions.get(request.aggregateId) ?? 0;
      if (request.expectedVersion !== 'any' && request.expectedVersion !== version) {
        throw concurrencyConflict(request.aggregateId, request.expectedVersion, version);
      }
      for (const e of request.events) {
        envelopes.push({
          id: e.id ?? randomUUID(),
          type: e.type,
          schemaVersion: e.schemaVersion,
          aggregateId: request.aggregateId,
          aggregateVersion: ++version,
          occurredAt: e.occurredAt ?? now,
          actor: e.actor,
          correlationId: e.correlationId,
          causationId: e.causationId ?? null,
          payload: e.payload,
          sequence: ++sequence,
          service: this.service,
        });
      }
      versions.set(request.aggregateId, version);
    }
    await tx.query(
      `INSERT INTO es_events (sequence, id, aggregate_id, aggregate_version, type, envelope)
       SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::json[])`,
      [
        envelopes.map((e) => e.sequence),
        envelopes.map((e) => e.id),
        envelopes.map((e) => e.aggregateId),
        envelopes.map((e) => e.aggregateVersion),
        envelopes.map((e) => e.type),
        envelopes.map((e) => canonicalJson(e)),
      ],
    );
    await tx.query(`NOTIFY ${APPENDED_CHANNEL}`);
    return envelopes;
  }

  /** Current versions of the streams, in one query; absent streams are at version 0. */
  private async currentVersions(tx: PoolClient, aggregateIds: string[]): Promise<Map<string, number>> {
    const { rows } = await tx.query(
      'SELECT aggregate_id, max(aggregate_version) AS v FROM es_events WHERE aggregate_id = ANY($1) GROUP BY aggregate_id',
      [aggregateIds],
    );
    return new Map(rows.map((r) => [r.aggregate_id as string, Number(r.v)]));
  }
}
