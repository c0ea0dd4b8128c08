import { randomBytes, randomUUID } from 'node:crypto';
import { ApiProperty } from '@nestjs/swagger';
import { IntegrityChecked } from '@custos/contracts';
import { err, ok, Result } from '@custos/domain';
import { custodyErrors } from '@custos/domain';
import { Matches, IsString, MaxLength } from 'class-validator';
import { LinkSigner } from '../../shared/signed-link';

/** How long an officer has to hash their copy and answer a challenge. */
export const INTEGRITY_CHALLENGE_TTL_MS = 30 * 60_000;

/** What a challenge binds: one item, one officer, one fresh nonce. */
export interface IntegrityChallenge {
  readonly use: 'integrity-challenge';
  readonly challengeId: string;
  readonly evidenceItemId: string;
  readonly personId: string;
  readonly nonce: string;
  readonly issuedAt: string;
}

/**
 * Attestations without disclosure (R18.5): the package's hash is no secret (it is in the
 * ledger's ExportPackaged and in every answer about the item), so an officer who only repeats
 * it proves nothing. Instead custody hands out a fresh random nonce and the officer answers
 * SHA-256(nonce as ASCII hex ‖ the bytes of their copy), which nobody can compute without
 * those bytes and which custody compares with the same digest over the stored package. The
 * challenge is a signed token (no table): bound to the item and the officer, short-lived, and
 * single-use because the item records every challenge answered.
 */
export function issueIntegrityChallenge(signer: LinkSigner, evidenceItemId: string, personId: string, now: Date): { token: string; challenge: IntegrityChallenge; expiresAt: string } {
  const challenge: IntegrityChallenge = {
    use: 'integrity-challenge',
    challengeId: randomUUID(),
    evidenceItemId,
    personId,
    nonce: randomBytes(32).toString('hex'),
    issuedAt: now.toISOString(),
  };
  return { token: signer.sign({ ...challenge }, INTEGRITY_CHALLENGE_TTL_MS, now), challenge, expiresAt: new Date(now.getTime() + INTEGRITY_CHALLENGE_TTL_MS).toISOString() };
}

/** The challenge of a genuine, unexpired token issued to this officer for this item; else a coded refusal. */
export function challengeOf(signer: LinkSigner, token: string, evidenceItemId: string, personId: string, now: Date): Result<IntegrityChallenge> {
  const claims = signer.claimsOf(token, now);
  if (!claims.ok) return claims;
  const { use, challengeId, nonce, issuedAt } = claims.value;
  const ours = claims.value.evidenceItemId === evidenceItemId && claims.value.personId === personId;
  if (use !== 'integrity-challenge' || !ours || typeof challengeId !== 'string' || typeof nonce !== 'string' || typeof issuedAt !== 'string') {
    return err(custodyErrors.challengeNotYours(evidenceItemId, personId));
  }
  return ok({ use, challengeId, evidenceItemId, personId, nonce, issuedAt });
}

/** The officer's answer to a challenge, over the copy they hold (R18.5). */
export class AttestationDto {
  @ApiProperty({ description: 'The challenge token from POST /evidence-items/:id/integrity-challenges' })
  @IsString()
  @MaxLength(2000)
  challenge!: string;

  @ApiProperty({ description: 'Hex SHA-256 of the nonce (ASCII hex) followed by the bytes of your copy: (printf %s "$NONCE"; cat package.tar) | sha256sum' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'response must be 64 lowercase hex digits' })
  response!: string;
}

/**
 * What an integrity check answers, once the attestation is in: the result for each copy, with
 * the hash recorded at export beside custody's own re-hash of the stored package.
 */
export function integrityAnswer(check: IntegrityChecked): IntegrityAnswer {
  return {
    integrity: check.match ? 'MATCH' : 'MISMATCH',
    alarm: !check.match,
    ...(check.failedCopy ? { failedCopy: check.failedCopy } : {}),
    // A check answered now always carries custody's own re-hash (only events before issue 12 lack it).
    stored: { sha256: check.storedSha256!, expectedSha256: check.expectedSha256, match: check.storedSha256 === check.expectedSha256 },
    attestation: check.attestation ? { challengeId: check.attestation.challengeId, result: check.attestation.result } : null,
  };
}

export interface IntegrityAnswer {
  readonly integrity: 'MATCH' | 'MISMATCH';
  readonly alarm: boolean;
  readonly failedCopy?: string;
  readonly stored: { sha256: string; expectedSha256: string; match: boolean };
  readonly attestation: { challengeId: string; result: string } | null;
}
