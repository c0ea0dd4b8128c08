import { randomUUID } from 'node:crypto';
import { canonicalBytes, EventEnvelope } from '@custos/contracts';
import { generateNoteKeys, NoteSigner, parseSignerKey } from '@custos/ledger-core';
import { createTestDatabase } from '@custos/testing';
import { EventStore, EventTransport, OutboxRelay } from '@custos/eventstore';
import { Pool } from 'pg';
import { ArchivedCheckpoint, CheckpointArchive } from '../src/domain/checkpoint-archive.port';
import { LeafInput } from '../src/domain/ledger-entry';
import { CheckpointRecords } from '../src/domain/checkpoint-records.port';
import { MerkleLog } from '../src/domain/merkle-log.port';
import { CheckpointStore } from '../src/database/checkpoint-store';
import { LedgerLog } from '../src/database/ledger-log';

export const ORIGIN = 'ledger.custos.test/audit';

export interface LedgerKeys {
  readonly signerKey: string;
  readonly verifierKey: string;
  readonly signer: NoteSigner;
}

export function ledgerKeys(name = ORIGIN): LedgerKeys {
  const { signerKey, verifierKey } = generateNoteKeys(name);
  const signer = parseSignerKey(signerKey);
  if (!signer.ok) throw new Error(signer.error.message);
  return { signerKey, verifierKey, signer: signer.value };
}

/** An envelope as a service's relay would publish it. */
export function envelope(
  service: string,
  sequence: number,
  aggregateId = `${service}-agg-${sequence % 5}`,
  payload: Record<string, unknown> = { n: sequence },
): EventEnvelope {
  return {
    id: randomUUID(),
    type: `${service}.SomethingHappened`,
    schemaVersion: 1,
    aggregateId,
    aggregateVersion: sequence,
    occurredAt: new Date(Date.UTC(2026, 0, 1) + sequence * 1000).toISOString(),
    actor: { subject: 'officer-1', organisationId: 'org-1', roles: ['OFFICER'] },
    correlationId: `corr-${sequence}`,
    causationId: null,
    payload,
    sequence,
    service,
  };
}

export function leafOf(e: EventEnvelope): LeafInput {
  return {
    eventId: e.id,
    service: e.service,
    sequence: e.sequence,
    aggregateId: e.aggregateId,
    type: e.type,
    entry: canonicalBytes(e),
  };
}

/** `count` leaves of `service`, sequences `from`..`from + count - 1`. */
export function leaves(service: string, from: number, count: number, variant = ''): LeafInput[] {
  return Array.from({ length: count }, (_, i) =>
    leafOf(envelope(service, from + i, undefined, { n: from + i, variant })),
  );
}

/** A fresh database with the kernel's and the ledger's schema (migrated), and a pool on it (superuser). */
export async function freshLedgerDb(label: string): Promise<{ url: string; pool: Pool }> {
  const url = await createTestDatabase(label);
  const pool = new Pool({ connectionString: url, max: 8 });
  pool.on('error', () => undefined);
  return { url, pool };
}

/** The ledger's log in Postgres on `pool`, behind the port its commands and queries use. */
export function ledgerLogOn(pool: Pool): MerkleLog {
  return new LedgerLog(pool);
}

/** The ledger's checkpoint records in Postgres on `pool`, behind the port its commands and queries use. */
export function checkpointsOn(pool: Pool): CheckpointRecords {
  return new CheckpointStore(pool);
}

/** A service whose events the ledger watches: its own event store and relay (not started) on `db`. */
export interface SourceService {
  readonly service: string;
  readonly pool: Pool;
  readonly store: EventStore;
  readonly relay: OutboxRelay;
}

export function sourceServiceOn(
  db: { readonly url: string; readonly pool: Pool },
  service: string,
  transport: EventTransport,
  topicPrefix: string,
  idlePollMs?: number,
): SourceService {
  const relay = new OutboxRelay({ service, connection: { connectionString: db.url }, transport, topicPrefix, idlePollMs });
  return { service, pool: db.pool, store: new EventStore(db.pool, service), relay };
}

/** An archive that keeps checkpoints in memory (suites that do not test the object store). */
export class MemoryArchive implements CheckpointArchive {
  readonly notes = new Map<number, string>();

  async assertWriteOnce(): Promise<void> {}

  keyOf(treeSize: number): string {
    return `memory/${treeSize}`;
  }

  async put(treeSize: number, note: string): Promise<ArchivedCheckpoint> {
    this.notes.set(treeSize, note);
    return { key: this.keyOf(treeSize), versionId: null };
  }
}
