import type { EventEnvelope } from '../envelope';
import { payloadIf } from '../event-payloads';
import { REGISTRY_EVENT_KEY_REGISTERED, REGISTRY_EVENT_KEY_REVOKED } from './registry-events';

/** One published event-signing key of a service, as readers pin it (issue 16). */
export interface PublishedEventKey {
  readonly service: string;
  readonly kid: string;
  readonly publicKey: string;
  readonly validFrom: string;
  readonly revokedAt?: string;
  readonly revocationReason?: string;
}

/**
 * The keys the registry's key events publish, in the order registered, a revocation applied to
 * its key: what `GET /event-keys` answers and what the ledger pins from the entries it recorded.
 */
export function eventKeysOf(events: readonly Pick<EventEnvelope, 'type' | 'payload'>[]): PublishedEventKey[] {
  const keys: PublishedEventKey[] = [];
  for (const e of events) {
    const registered = payloadIf(e, REGISTRY_EVENT_KEY_REGISTERED);
    const revoked = payloadIf(e, REGISTRY_EVENT_KEY_REVOKED);
    if (registered) {
      keys.push({ service: registered.service, kid: registered.kid, publicKey: registered.publicKey, validFrom: registered.validFrom });
    } else if (revoked) {
      const i = keys.findIndex((k) => k.service === revoked.service && k.kid === revoked.kid);
      if (i >= 0) keys[i] = { ...keys[i], revokedAt: revoked.revokedAt, revocationReason: revoked.reason };
    }
  }
  return keys;
}
