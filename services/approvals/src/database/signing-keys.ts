import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, KeyObject, randomBytes } from 'node:crypto';
import { keyIdOf } from '@custos/domain';
import { Pool, PoolClient } from 'pg';

export interface OrganSigningKey {
  readonly organisationId: string;
  readonly keyId: string;
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
}

export const SIGNING_KEYS_SCHEMA = `
CREATE TABLE IF NOT EXISTS ap_signing_keys (
  organisation_id text PRIMARY KEY,
  key_id text NOT NULL,
  public_key_pem text NOT NULL,
  -- AES-256-GCM of the PKCS#8 DER private key, bound to the organisation id (AAD)
  private_key_enc bytea NOT NULL,
  iv bytea NOT NULL,
  tag bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);`;

/**
 * Each organ's Ed25519 approval-signing key (R18.5), generated at first use. Private keys are
 * stored encrypted under a key derived from the service's secret and are never logged or
 * returned; only the public key leaves the service.
 */
export class SigningKeys {
  private readonly wrapKey: Buffer;
  private readonly cache = new Map<string, OrganSigningKey>();

  constructor(
    private readonly pool: Pool,
    secret: string,
  ) {
    if (secret.length < 16) throw new Error('the approvals key-encryption secret must have at least 16 characters');
    this.wrapKey = Buffer.from(hkdfSync('sha256', secret, 'custos.approvals', 'approval-signing-key-wrap', 32));
  }

  /** The organ's key, created in `tx` if it has none yet (a concurrent creator wins, once). */
  async signingKey(organisationId: string, tx: PoolClient): Promise<OrganSigningKey> {
    const cached = this.cache.get(organisationId);
    if (cached) return cached;
    let row = await this.read(organisationId, tx);
    if (row === undefined) {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', this.wrapKey, iv);
      cipher.setAAD(Buffer.from(organisationId, 'utf8'));
      const enc = Buffer.concat([cipher.update(privateKey.export({ type: 'pkcs8', format: 'der' })), cipher.final()]);
      await tx.query(
        `INSERT INTO ap_signing_keys (organisation_id, key_id, public_key_pem, private_key_enc, iv, tag)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (organisation_id) DO NOTHING`,
        [organisationId, keyIdOf(publicKey), publicKey.export({ type: 'spki', format: 'pem' }), enc, iv, cipher.getAuthTag()],
      );
      row = await this.read(organisationId, tx);
    }
    const decipher = createDecipheriv('aes-256-gcm', this.wrapKey, row!.iv);
    decipher.setAAD(Buffer.from(organisationId, 'utf8'));
    decipher.setAuthTag(row!.tag);
    const der = Buffer.concat([decipher.update(row!.private_key_enc), decipher.final()]);
    const key: OrganSigningKey = {
      organisationId,
      keyId: row!.key_id,
      publicKey: createPublicKey(row!.public_key_pem),
      privateKey: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }),
    };
    this.cache.set(organisationId, key);
    return key;
  }

  /** The organ's public key, or undefined when it never signed anything. */
  async publicKey(organisationId: string): Promise<{ keyId: string; publicKey: KeyObject; pem: string; createdAt: Date } | undefined> {
    const { rows } = await this.pool.query('SELECT key_id, public_key_pem, created_at FROM ap_signing_keys WHERE organisation_id = $1', [
      organisationId,
    ]);
    if (rows.length === 0) return undefined;
    return { keyId: rows[0].key_id, pem: rows[0].public_key_pem, publicKey: createPublicKey(rows[0].public_key_pem), createdAt: rows[0].created_at };
  }

  private async read(organisationId: string, tx: PoolClient) {
    const { rows } = await tx.query('SELECT * FROM ap_signing_keys WHERE organisation_id = $1', [organisationId]);
    return rows[0] as { key_id: string; public_key_pem: string; private_key_enc: Buffer; iv: Buffer; tag: Buffer } | undefined;
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

export const COUNTERS_SCHEMA = `
CREATE TABLE IF NOT EXISTS ap_document_counters (
  organisation_id text NOT NULL,
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (organisation_id, year)
);
CREATE TABLE IF NOT EXISTS ap_organ_serials (
  organisation_id text PRIMARY KEY,
  division_code text NOT NULL,
  serial integer NOT NULL CHECK (serial BETWEEN 1 AND 999),
  UNIQUE (division_code, serial)
);`;
