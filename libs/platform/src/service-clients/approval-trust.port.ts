import type { KeyObject } from 'node:crypto';
import { keyIdOf } from '@custos/domain';

/**
 * Whose signatures on approval documents a service trusts (R18.5): the public keys
 * of the approving organs and their revoked document numbers. A key in the request itself
 * would prove nothing, so keys come from here (the approvals service or a key registry).
 */
export interface ApprovalTrust {
  /** The public key of `organisationId` with that key id, if it is one of the organ's keys. */
  issuerKey(organisationId: string, keyId: string): Promise<KeyObject | undefined>;
  revokedNumbers(organisationId: string): Promise<ReadonlySet<string>>;
}

/** The token a service that verifies approval documents (custody, storage) binds its `ApprovalTrust` under. */
export const APPROVAL_TRUST = Symbol('APPROVAL_TRUST');

export class InMemoryApprovalTrust implements ApprovalTrust {
  private readonly keys = new Map<string, KeyObject>();
  private readonly revoked = new Map<string, Set<string>>();

  trust(organisationId: string, publicKey: KeyObject): this {
    this.keys.set(`${organisationId} ${keyIdOf(publicKey)}`, publicKey);
    return this;
  }

  revoke(organisationId: string, number: string): this {
    const set = this.revoked.get(organisationId) ?? new Set<string>();
    set.add(number);
    this.revoked.set(organisationId, set);
    return this;
  }

  async issuerKey(organisationId: string, keyId: string): Promise<KeyObject | undefined> {
    return this.keys.get(`${organisationId} ${keyId}`);
  }

  async revokedNumbers(organisationId: string): Promise<ReadonlySet<string>> {
    return this.revoked.get(organisationId) ?? new Set();
  }
}
