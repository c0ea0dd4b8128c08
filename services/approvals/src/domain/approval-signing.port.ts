import type { KeyObject } from 'node:crypto';
import type { PoolClient } from 'pg';

export interface OrganSigningKey {
  readonly organisationId: string;
  readonly keyId: string;
  readonly version: number;
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
}

export interface PublishedSigningKey {
  readonly keyId: string;
  readonly version: number;
  readonly publicKey: KeyObject;
  readonly pem: string;
  readonly createdAt: Date;
  readonly retiredAt: Date | null;
}

/** The organs' approval signing keys, a port the database implements. */
export abstract class ApprovalSigningKeys {
  /** The organ's current key, created on first use, in the caller's transaction. */
  abstract signingKey(organisationId: string, tx: PoolClient): Promise<OrganSigningKey>;
  abstract rotate(organisationId: string, rotatedBy: string, tx: PoolClient): Promise<OrganSigningKey>;
  /** The organ's current key, or the key `keyId` (retired included). */
  abstract publicKey(organisationId: string, keyId?: string): Promise<PublishedSigningKey | undefined>;
}

/** The numbering of approval documents (R18.5), a port the database implements; both in the caller's transaction. */
export abstract class ApprovalDocumentNumbers {
  /** Next number in the organ's series for the year. */
  abstract nextSequence(tx: PoolClient, organisationId: string, year: number): Promise<number>;
  /** The organ's serial within its division. */
  abstract organSerial(tx: PoolClient, organisationId: string, divisionCode: string): Promise<number>;
}
