import { eventKeysOf, EventEnvelope, REGISTRY_EVENT_KEY_REGISTERED, REGISTRY_EVENT_KEY_REVOKED } from '@custos/contracts';
import { usePublishedEnvelopeKeys } from '@custos/eventstore';
import { Pool } from 'pg';
import { LeafInput } from '../domain/ledger-entry';

const KEY_EVENTS = [REGISTRY_EVENT_KEY_REGISTERED, REGISTRY_EVENT_KEY_REVOKED];

/**
 * The ledger pins the event-signing keys it recorded (issue 16): each `registry.EventKeyRegistered`
 * or `EventKeyRevoked` leaf (itself checked against the registry's bootstrap-pinned key,
 * EVENT_TRUSTED_KEYS) adds or revokes a key for the envelopes that follow, and a restart reads
 * them back from the log. So the keys a verifier trusts are entries of the very log it verifies,
 * and a key must be registered before its service signs with it.
 */
export class LedgerPinnedEventKeys {
  private readonly events: Pick<EventEnvelope, 'type' | 'payload'>[] = [];

  /** Pins the key events the log already holds, in log order. */
  async load(pool: Pool): Promise<void> {
    const { rows } = await pool.query<{ entry: Buffer }>(
      `SELECT entry FROM ledger_leaves WHERE service = 'registry' AND event_type = ANY($1) ORDER BY leaf_index`,
      [KEY_EVENTS],
    );
    this.events.splice(0, this.events.length, ...rows.map((r) => JSON.parse(r.entry.toString('utf8')) as EventEnvelope));
    usePublishedEnvelopeKeys(eventKeysOf(this.events));
  }

  /** A leaf the ingest accepted: a key event is pinned before the next message is checked. */
  observe(leaf: LeafInput): void {
    if (leaf.service !== 'registry' || !KEY_EVENTS.includes(leaf.type)) return;
    this.events.push(JSON.parse(leaf.entry.toString('utf8')) as EventEnvelope);
    usePublishedEnvelopeKeys(eventKeysOf(this.events));
  }
}
