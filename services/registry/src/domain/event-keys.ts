import {
  EventEnvelope,
  EventKeyRegistered,
  EventKeyRevoked,
  REGISTRY_EVENT_KEY_REGISTERED,
  REGISTRY_EVENT_KEY_REVOKED,
} from '@custos/contracts';
import { domainErrorOf, err, ok, Result } from '@custos/domain';

/** One published event-signing key of a service, as readers pin it (issue 16). */
export interface PublishedEventKey {
  readonly service: string;
  readonly kid: string;
  readonly publicKey: string;
  readonly validFrom: string;
  readonly revokedAt?: string;
  readonly revocationReason?: string;
}

/** The keys of one service from its `event-keys:<service>` stream, in the order registered. */
export function eventKeysOf(events: readonly EventEnvelope[]): PublishedEventKey[] {
  const keys: PublishedEventKey[] = [];
  for (const e of events) {
    if (e.type === REGISTRY_EVENT_KEY_REGISTERED) {
      const p = e.payload as unknown as EventKeyRegistered;
      keys.push({ service: p.service, kid: p.kid, publicKey: p.publicKey, validFrom: p.validFrom });
    } else if (e.type === REGISTRY_EVENT_KEY_REVOKED) {
      const p = e.payload as unknown as EventKeyRevoked;
      const i = keys.findIndex((k) => k.kid === p.kid);
      if (i >= 0) keys[i] = { ...keys[i], revokedAt: p.revokedAt, revocationReason: p.reason };
    }
  }
  return keys;
}

/**
 * A new key beside the service's others: rotation with overlap, the older keys stay valid
 * until revoked, so events signed before the switch still verify. A key registered once (even
 * revoked since) is never registered again: a revoked key cannot come back.
 */
export function registerEventKey(keys: readonly PublishedEventKey[], key: EventKeyRegistered): Result<EventKeyRegistered> {
  if (keys.some((k) => k.kid === key.kid || k.publicKey === key.publicKey)) {
    return err(domainErrorOf('CUSTOS_REGISTRY_EVENT_KEY_ALREADY_REGISTERED', { service: key.service, kid: key.kid }));
  }
  return ok(key);
}

/** Revokes a key from `revokedAt` on: final, as a compromised key must be. */
export function revokeEventKey(keys: readonly PublishedEventKey[], revocation: EventKeyRevoked): Result<EventKeyRevoked> {
  const key = keys.find((k) => k.kid === revocation.kid);
  if (key === undefined) return err(domainErrorOf('CUSTOS_REGISTRY_EVENT_KEY_NOT_FOUND', { service: revocation.service, kid: revocation.kid }));
  if (key.revokedAt !== undefined) return err(domainErrorOf('CUSTOS_REGISTRY_EVENT_KEY_REVOKED', { service: key.service, kid: key.kid, revokedAt: key.revokedAt }));
  return ok(revocation);
}
