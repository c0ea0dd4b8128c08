import { createPublicKey, KeyObject } from 'node:crypto';
import { keyIdOf } from '@custos/domain';
import type { ApprovalTrust } from './approval-trust.port';
import { getJson, HttpServiceClientOptions, TtlCache } from './http-json';

/** `GET /organisations/:id/approval-key` of the approvals service. */
export interface ApprovalKeyJson {
  readonly organisationId: string;
  readonly algorithm: 'Ed25519';
  readonly keyId: string;
  readonly publicKeyPem: string;
  readonly createdAt: string;
}

/** `GET /organisations/:id/revoked-approvals` of the approvals service. */
export interface RevokedApprovalsJson {
  readonly organisationId: string;
  readonly revoked: readonly { readonly number: string; readonly revokedAt: string; readonly reason: string }[];
}

export interface HttpApprovalTrustOptions extends HttpServiceClientOptions {
  /** How long an organ's public key is remembered (default 60 s). */
  readonly keyTtlMs?: number;
  readonly now?: () => number;
}

/**
 * Whose approval documents a service trusts (R18.5: storage at export, custody at hand-over), from the approvals service: the
 * public key of each approving organ, cached briefly, and its revoked document numbers, asked
 * at every decision and never cached: a revocation bites at the very next export or hand-over,
 * not a cache lifetime later (a withdrawn request's copy must not leave in the meantime). The
 * key id is computed from the key itself, never taken from the answer. An organ that has signed
 * nothing yet (the 404) has no key; an approvals service that fails makes the export or hand-over fail
 * rather than trusting or refusing on a guess.
 *
 * The approvals service publishes an organ's current key only: a document signed with an
 * earlier (rotated) key of the organ is not verifiable here.
 */
export class HttpApprovalTrust implements ApprovalTrust {
  private readonly keys: TtlCache<KeyObject | undefined>;

  constructor(private readonly options: HttpApprovalTrustOptions) {
    this.keys = new TtlCache(options.keyTtlMs ?? 60_000, options.now);
  }

  async issuerKey(organisationId: string, keyId: string): Promise<KeyObject | undefined> {
    const cached = await this.currentKey(organisationId);
    if (cached !== undefined && keyIdOf(cached) === keyId) return cached;
    // Another key id than the one remembered: the organ may have a new key since; ask again once.
    this.keys.delete(organisationId);
    const current = await this.currentKey(organisationId);
    return current !== undefined && keyIdOf(current) === keyId ? current : undefined;
  }

  async revokedNumbers(organisationId: string): Promise<ReadonlySet<string>> {
    const json = await getJson<RevokedApprovalsJson>(
      this.options,
      'approvals',
      `/v1/organisations/${encodeURIComponent(organisationId)}/revoked-approvals`,
    );
    return new Set((json?.revoked ?? []).map((r) => r.number));
  }

  private currentKey(organisationId: string): Promise<KeyObject | undefined> {
    return this.keys.get(organisationId, async () => {
      const json = await getJson<ApprovalKeyJson>(
        this.options,
        'approvals',
        `/v1/organisations/${encodeURIComponent(organisationId)}/approval-key`,
      );
      if (json === undefined) return undefined;
      if (json.organisationId !== organisationId) {
        throw new Error(`approvals answered the key of ${json.organisationId} for ${organisationId}`);
      }
      const key = createPublicKey(json.publicKeyPem);
      if (key.asymmetricKeyType !== 'ed25519') throw new Error(`approvals answered a ${key.asymmetricKeyType} key for ${organisationId}`);
      return key;
    });
  }
}
