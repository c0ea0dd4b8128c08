import { EventKeyRegistered, EventKeyRevoked, PublishedEventKey } from '@custos/contracts';
import { domainErrorOf, err, ok, Result } from '@custos/domain';

export { eventKeysOf } from '@custos/contracts';
export type { PublishedEventKey } from '@custos/contracts';

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
