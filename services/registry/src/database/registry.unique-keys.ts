import { DomainException } from '@custos/platform';
import { domainErrorOf } from '@custos/domain';
import { EventEnvelope, REGISTRY_CAMERA_REGISTERED, REGISTRY_QUALIFICATION_ISSUED } from '@custos/contracts';
import { dispatchEvent, EventHandlers } from '@custos/eventstore';
import { Pool, PoolClient } from 'pg';

/**
 * Keys unique across aggregates: a camera id (R2.1) across all image systems, a credential
 * number (R18.1, R18.2) across all officers. The aggregates alone cannot see each other, so
 * each key is claimed in `reg_unique_keys` in the transaction that appends its event: of two
 * concurrent registrations one commits, the other gets a coded 409 and writes nothing. This
 * table is the write side's (never emptied by a rebuild), and is filled from the log for keys
 * registered before it existed.
 */
export type UniqueKind = 'camera' | 'credential';

export interface UniqueKey {
  readonly kind: UniqueKind;
  readonly key: string;
}

/** The keys each event type claims, its payload typed by the contracts; other types claim none. */
const UNIQUE_KEYS: EventHandlers<undefined, UniqueKey[]> = {
  [REGISTRY_CAMERA_REGISTERED]: (camera) => [{ kind: 'camera', key: camera.cameraId }],
  [REGISTRY_QUALIFICATION_ISSUED]: (qualification) => [{ kind: 'credential', key: qualification.credentialNumber }],
};

/** Claims the keys of `events` in the caller's transaction; a key held already is refused (409). */
export async function claimUniqueKeys(tx: PoolClient, events: readonly EventEnvelope[]): Promise<void> {
  for (const event of events) {
    for (const { kind, key } of (await dispatchEvent(UNIQUE_KEYS, event, undefined)) ?? []) {
      const { rowCount } = await tx.query(
        'INSERT INTO reg_unique_keys (kind, key, aggregate_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [kind, key, event.aggregateId],
      );
      if (rowCount === 0) throw keyTaken(kind, key);
    }
  }
}

/** Whether a key is claimed: a fast answer before deciding (the claim itself is the guard). */
export async function uniqueKeyTaken(pool: Pool, kind: UniqueKind, key: string): Promise<boolean> {
  const { rows } = await pool.query('SELECT 1 FROM reg_unique_keys WHERE kind = $1 AND key = $2', [kind, key]);
  return rows.length > 0;
}

export function keyTaken(kind: UniqueKind, key: string): Error {
  return kind === 'camera'
    ? new DomainException(domainErrorOf('CUSTOS_REGISTRY_ALREADY_REGISTERED', { cameraId: key }))
    : new DomainException(domainErrorOf('CUSTOS_REGISTRY_CREDENTIAL_ALREADY_ISSUED', { credentialNumber: key }));
}

