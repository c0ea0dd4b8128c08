import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { APPROVAL_SIGNING_KEY_CREATED, APPROVAL_SIGNING_KEY_ROTATED, approvalSigningKeysAggregateId } from '@custos/contracts';
import { domainErrorOf, keyIdOf } from '@custos/domain';
import { EventStore } from '@custos/eventstore';
import { currentCorrelationId, DomainException } from '@custos/platform';
import { Pool, PoolClient } from 'pg';
import { ApprovalDocumentNumbers, ApprovalSigningKeys, OrganSigningKey, PublishedSigningKey } from '../domain/approval-signing.port';

export type { OrganSigningKey, PublishedSigningKey };

interface KeyRow {
  key_id: string;
  version: number;
  public_key_pem: string;
  private_key_enc: Buffer;
  iv: Buffer;
  tag: Buffer;
  created_at: Date;
  retired_at: Date | null;
}

/** The stored public key is not the one the decrypted private key makes: someone swapped it (issue 16). */
export function signingKeyMismatch(organisationId: string, keyId: string): DomainException {
  return new DomainException(domainErrorOf('CUSTOS_R18_5_SIGNING_KEY_MISMATCH', { organisationId, keyId }));
}

/**
 * Each organ's Ed25519 approval-signing keys (R18.5), the first generated at first use, later
 * ones by rotation. Private keys are stored encrypted under a key derived from the service's
 * secret and are never logged or returned; only public keys leave the service.
 *
 * A stored public key is trusted only as far as the private key makes it: every key loaded is
 * checked (and `checkAll` checks every key at start), so a row whose public key was swapped
 * refuses to sign. Each key's creation and each rotation is an event of the organ's stream
 * `approval-signing-keys:<organ>`, in the same transaction, and so in the ledger, where
 * verifiers find the keys they may trust (issue 16).
 */
export class SigningKeys implements ApprovalSigningKeys {
  private readonly wrapKey: Buffer;
  private readonly cache = new Map<string, OrganSigningKey>();

  constructor(
    private readonly pool: Pool,
    secret: string,
    private readonly store?: EventStore,
  ) {
    if (secret.length < 16) throw new Error('the approvals key-encryption secret must have at least 16 characters');
    this.wrapKey = Buffer.from(hkdfSync('sha256', secret, 'custos.approvals', 'approval-signing-key-wrap', 32));
  }

  /** The organ's current key, created in `tx` if it has none yet (a concurrent creator wins, once). */
  async signingKey(organisationId: string, tx: PoolClient): Promise<OrganSigningKey> {
    const cached = this.cache.get(organisationId);
    if (cached) return cached;
    let row = await this.current(organisationId, tx);
    if (row === undefined) {
      const created = await this.insert(organisationId, 1, tx);
      row = await this.current(organisationId, tx);
      if (created && row?.key_id === created.keyId) await this.record(organisationId, row, tx, 'approvals');
    }
    const key = this.unwrap(organisationId, row!);
    this.cache.set(organisationId, key);
    return key;
  }

  /**
   * Retires the organ's current key and makes a new one (issue 16), recorded as
   * `approvals.SigningKeyRotated`. Documents signed by the retired key stay verifiable by it.
   */
  async rotate(organisationId: string, rotatedBy: string, tx: PoolClient): Promise<OrganSigningKey> {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('custos.approvals.signing-key'), hashtext($1))", [organisationId]);
    const old = await this.current(organisationId, tx);
    if (old !== undefined) this.unwrap(organisationId, old);
    const { rows } = await tx.query('SELECT COALESCE(MAX(version), 0) AS last FROM ap_signing_keys WHERE organisation_id = $1', [organisationId]);
    await tx.query('UPDATE ap_signing_keys SET retired_at = now() WHERE organisation_id = $1 AND retired_at IS NULL', [organisationId]);
    await this.insert(organisationId, Number(rows[0].last) + 1, tx);
    const row = (await this.current(organisationId, tx))!;
    await this.record(organisationId, row, tx, rotatedBy, old?.key_id);
    const key = this.unwrap(organisationId, row);
    this.cache.delete(organisationId);
    return key;
  }

  /** Checks every stored key against its private key; throws the coded mismatch on the first that fails. */
  async checkAll(): Promise<number> {
    const { rows } = await this.pool.query('SELECT organisation_id, key_id, version, public_key_pem, private_key_enc, iv, tag, created_at, retired_at FROM ap_signing_keys');
    for (const row of rows as (KeyRow & { organisation_id: string })[]) this.unwrap(row.organisation_id, row);
    return rows.length;
  }

  /** The organ's current public key, or the one with `keyId` (retired included); undefined when none. */
  async publicKey(organisationId: string, keyId?: string): Promise<PublishedSigningKey | undefined> {
    const { rows } = await this.pool.query(
      `SELECT key_id, version, public_key_pem, created_at, retired_at FROM ap_signing_keys
        WHERE organisation_id = $1 AND ${keyId === undefined ? 'retired_at IS NULL' : 'key_id = $2'}`,
      keyId === undefined ? [organisationId] : [organisationId, keyId],
    );
    if (rows.length === 0) return undefined;
    const row = rows[0] as KeyRow;
    return {
      keyId: row.key_id,
      version: row.version,
      pem: row.public_key_pem,
      publicKey: createPublicKey(row.public_key_pem),
      createdAt: row.created_at,
      retiredAt: row.retired_at,
    };
  }

  private async insert(organisationId: string, version: number, tx: PoolClient): Promise<{ keyId: string } | undefined> {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.wrapKey, iv);
    cipher.setAAD(Buffer.from(organisationId, 'utf8'));
    const enc = Buffer.concat([cipher.update(privateKey.export({ type: 'pkcs8', format: 'der' })), cipher.final()]);
    const keyId = keyIdOf(publicKey);
    const { rowCount } = await tx.query(
      `INSERT INTO ap_signing_keys (organisation_id, key_id, public_key_pem, private_key_enc, iv, tag, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [organisationId, keyId, publicKey.export({ type: 'spki', format: 'pem' }), enc, iv, cipher.getAuthTag(), version],
    );
    return rowCount === 1 ? { keyId } : undefined;
  }

  private async record(organisationId: string, row: KeyRow, tx: PoolClient, by: string, retiredKeyId?: string): Promise<void> {
    if (!this.store) return;
    const payload = {
      organisationId,
      keyId: row.key_id,
      version: row.version,
      publicKeyPem: row.public_key_pem,
      createdAt: new Date(row.created_at).toISOString(),
      ...(retiredKeyId === undefined ? {} : { retiredKeyId, rotatedBy: by }),
    };
    await this.store.append(
      {
        aggregateId: approvalSigningKeysAggregateId(organisationId),
        expectedVersion: 'any',
        events: [
          {
            type: retiredKeyId === undefined ? APPROVAL_SIGNING_KEY_CREATED : APPROVAL_SIGNING_KEY_ROTATED,
            schemaVersion: 1,
            payload,
            actor: { subject: by, organisationId },
            // The approval or rotation that made the key: its request's correlation id, not a new one.
            correlationId: currentCorrelationId() ?? randomUUID(),
          },
        ],
      },
      tx,
    );
  }

  /** Decrypts the private key and checks that it makes the stored public key and key id. */
  private unwrap(organisationId: string, row: KeyRow): OrganSigningKey {
    const decipher = createDecipheriv('aes-256-gcm', this.wrapKey, row.iv);
    decipher.setAAD(Buffer.from(organisationId, 'utf8'));
    decipher.setAuthTag(row.tag);
    const der = Buffer.concat([decipher.update(row.private_key_enc), decipher.final()]);
    const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    const publicKey = createPublicKey(row.public_key_pem);
    const made = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    if (!made.equals(publicKey.export({ type: 'spki', format: 'der' })) || keyIdOf(publicKey) !== row.key_id) {
      throw signingKeyMismatch(organisationId, row.key_id);
    }
    return { organisationId, keyId: row.key_id, version: row.version, publicKey, privateKey };
  }

  private async current(organisationId: string, tx: PoolClient): Promise<KeyRow | undefined> {
    const { rows } = await tx.query('SELECT * FROM ap_signing_keys WHERE organisation_id = $1 AND retired_at IS NULL', [organisationId]);
    return rows[0] as KeyRow | undefined;
  }
}

/** Next number in the organ's series for the year (R18.5: unique per organ and year), in the caller's transaction. */
export async function nextDocumentSequence(tx: PoolClient, organisationId: string, year: number): Promise<number> {
  const { rows } = await tx.query(
    `INSERT INTO ap_document_counters (organisation_id, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (organisation_id, year) DO UPDATE SET last = ap_document_counters.last + 1 RETURNING last`,
    [organisationId, year],
  );
  return Number(rows[0].last);
}

/**
 * The organ's serial within its division (R18.5): organs sharing a division code (a city's
 * police and state-security bureaus) get 1, 2, … in the order they first sign, once and for
 * good, so that their document numbers never collide. Allocated under a lock on the division.
 */
export async function organSerial(tx: PoolClient, organisationId: string, divisionCode: string): Promise<number> {
  const known = await tx.query('SELECT serial FROM ap_organ_serials WHERE organisation_id = $1', [organisationId]);
  if (known.rows.length > 0) return Number(known.rows[0].serial);
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('custos.approvals.organ-serial'), hashtext($1))", [divisionCode]);
  const { rows } = await tx.query(
    `INSERT INTO ap_organ_serials (organisation_id, division_code, serial)
     SELECT $1, $2, COALESCE(MAX(serial), 0) + 1 FROM ap_organ_serials WHERE division_code = $2
     ON CONFLICT (organisation_id) DO UPDATE SET organisation_id = EXCLUDED.organisation_id RETURNING serial`,
    [organisationId, divisionCode],
  );
  return Number(rows[0].serial);
}


/** The document numbering (R18.5) in Postgres. */
export class DocumentNumbers implements ApprovalDocumentNumbers {
  nextSequence(tx: PoolClient, organisationId: string, year: number): Promise<number> {
    return nextDocumentSequence(tx, organisationId, year);
  }

  organSerial(tx: PoolClient, organisationId: string, divisionCode: string): Promise<number> {
    return organSerial(tx, organisationId, divisionCode);
  }
}
