import { createPublicKey, KeyObject } from 'node:crypto';
import { applyDecorators } from '@nestjs/common';
import { IsUrl, ValidateIf } from 'class-validator';
import { Setting } from '../config/setting.decorator';
import { keyIdOf } from '@custos/domain';
import type { ApprovalTrust } from './approval-trust.port';
import { HttpApprovalTrust } from './http-approval-trust';
import { getJson, HttpServiceClientOptions, TtlCache } from './http-json';

/** `GET /ledger/approval-keys/:organisationId` of the ledger service. */
export interface LedgerApprovalKeysJson {
  readonly organisationId: string;
  readonly keys: readonly { readonly keyId: string; readonly version: number; readonly publicKeyPem: string }[];
}

export interface LedgerPinnedApprovalTrustOptions {
  /** The ledger service. */
  readonly ledger: HttpServiceClientOptions;
  /** Who else names keys and revocations (the approvals service): asked for revocations, and whether a key is new. */
  readonly approvals: ApprovalTrust;
  /** How long an organ's recorded keys are remembered (default 60 s). */
  readonly keyTtlMs?: number;
  /** How long to wait for the ledger to record a key the approvals service already names (default 10 s). */
  readonly recordWaitMs?: number;
  readonly pollMs?: number;
  readonly now?: () => number;
}

/**
 * Trusts an approving organ's key only as the ledger recorded it (issue 16): whoever can write
 * the approvals service's key table could otherwise swap in a key of their own and sign
 * documents that storage and custody accept. The key comes from the organ's
 * `approvals.SigningKeyCreated` / `SigningKeyRotated` events in the ledger, its id recomputed
 * from the key. A key the approvals service names but the ledger has not recorded yet (just
 * created; the ledger ingests a moment later) is waited for briefly; a key only the table knows
 * is never trusted. Revocations are the approvals service's, asked at every decision.
 */
export class LedgerPinnedApprovalTrust implements ApprovalTrust {
  private readonly keys: TtlCache<Map<string, KeyObject>>;

  constructor(private readonly options: LedgerPinnedApprovalTrustOptions) {
    this.keys = new TtlCache(options.keyTtlMs ?? 60_000, options.now);
  }

  async issuerKey(organisationId: string, keyId: string): Promise<KeyObject | undefined> {
    const known = (await this.recorded(organisationId)).get(keyId);
    if (known !== undefined) return known;
    this.keys.delete(organisationId);
    const fresh = (await this.recorded(organisationId)).get(keyId);
    if (fresh !== undefined) return fresh;
    // Not in the ledger: wait only for a key the approvals service names as the organ's.
    if ((await this.options.approvals.issuerKey(organisationId, keyId)) === undefined) return undefined;
    const until = Date.now() + (this.options.recordWaitMs ?? 10_000);
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 250));
      this.keys.delete(organisationId);
      const recorded = (await this.recorded(organisationId)).get(keyId);
      if (recorded !== undefined) return recorded;
    }
    return undefined;
  }

  revokedNumbers(organisationId: string): Promise<ReadonlySet<string>> {
    return this.options.approvals.revokedNumbers(organisationId);
  }

  private recorded(organisationId: string): Promise<Map<string, KeyObject>> {
    return this.keys.get(organisationId, async () => {
      const json = await getJson<LedgerApprovalKeysJson>(
        this.options.ledger,
        'ledger',
        `/v1/ledger/approval-keys/${encodeURIComponent(organisationId)}`,
      );
      const keys = new Map<string, KeyObject>();
      if (json === undefined || json.organisationId !== organisationId) return keys;
      for (const recorded of json.keys) {
        const key = createPublicKey(recorded.publicKeyPem);
        if (key.asymmetricKeyType === 'ed25519' && keyIdOf(key) === recorded.keyId) keys.set(recorded.keyId, key);
      }
      return keys;
    });
  }
}

/**
 * The approval trust of a service that verifies documents (storage, custody): keys pinned by
 * the ledger when `ledgerUrl` is set, else as the approvals service names them (issue 16).
 */
export function approvalTrustOf(options: {
  readonly approvalsUrl: string;
  readonly ledgerUrl?: string;
  /** Tokens for each called service's own audience (client credentials). */
  readonly approvalsToken: () => Promise<string>;
  readonly ledgerToken: () => Promise<string>;
}): ApprovalTrust {
  const approvals = new HttpApprovalTrust({ baseUrl: options.approvalsUrl, serviceToken: options.approvalsToken });
  if (!options.ledgerUrl) return approvals;
  return new LedgerPinnedApprovalTrust({ ledger: { baseUrl: options.ledgerUrl, serviceToken: options.ledgerToken }, approvals });
}

/**
 * The `LEDGER_URL` setting of a service that verifies approval documents: `approvalTrustOf`'s
 * `ledgerUrl`, empty or an http(s) URL.
 */
export function LedgerUrlSetting(): PropertyDecorator {
  return applyDecorators(
    Setting({
      description:
        "Base URL of the ledger service's API: when set, approving organs' keys are trusted only as the ledger recorded them (issue 16); empty: as the approvals service names them",
    }),
    ValidateIf((config: { LEDGER_URL?: string }) => config.LEDGER_URL !== ''),
    IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }),
  );
}
