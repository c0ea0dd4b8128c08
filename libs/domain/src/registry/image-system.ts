import { domainErrorOf } from '../errors';
import { DomainError, err, ok, Result } from '../result';
import { CameraLocationCategory } from './camera-location';
import { SiteCategory } from './site-category';

/** Cameras, transmission, storage, display and management software of one owner (R2.1). */
export interface ImageSystem {
  readonly id: string;
  readonly ownerOrganisationId: string;
  readonly siteCategories: readonly SiteCategory[];
  /** Whether the system watches a public place; decides the sign duty of R11.1. */
  readonly inPublicPlace: boolean;
  readonly signageShown: boolean;
}

export interface Camera {
  readonly id: string;
  readonly imageSystemId: string;
  readonly location: CameraLocationCategory;
}

/** A system in a public place must show a conspicuous sign (R11.1). */
export function signageRequired(system: Pick<ImageSystem, 'inPublicPlace'>): boolean {
  return system.inPublicPlace;
}

/**
 * The R11.1 finding for a system that must show a sign and does not, or `null`. A finding,
 * not a refusal: the system stays registered and oversight orders rectification (R23.1).
 */
export function signageFinding(
  system: Pick<ImageSystem, 'id' | 'inPublicPlace' | 'signageShown'>,
): DomainError | null {
  if (!signageRequired(system) || system.signageShown) return null;
  return domainErrorOf('CUSTOS_R11_1_SIGNAGE_MISSING', { imageSystemId: system.id });
}

/** How the sign was seen: a photo the owner or the PSB took, or a PSB's inspection record (R11.1). */
export const SIGNAGE_EVIDENCE_KINDS = ['PHOTO', 'INSPECTION'] as const;
export type SignageEvidenceKind = (typeof SIGNAGE_EVIDENCE_KINDS)[number];

/** One observation of the sign (R11.1). */
export interface SignageEvidence {
  readonly kind: SignageEvidenceKind;
  readonly shown: boolean;
  readonly observedAt: Date;
  /** For a photo: the SHA-256 of its bytes (hex), computed where it was taken. */
  readonly photoSha256?: string;
  /** For an inspection: the record's reference (an oversight inspection id or a paper record's number). */
  readonly inspectionReference?: string;
}

/** What the sign is taken to be now, from the latest observation. */
export interface SignageState {
  readonly inPublicPlace: boolean;
  readonly shown: boolean;
  /** The latest observation's instant; the registration's when none was recorded. */
  readonly observedAt?: Date;
}

export interface SignageDecision {
  /** Whether this observation is the latest, and so sets what the sign is now. */
  readonly current: boolean;
  readonly shown: boolean;
  /** A sign seen missing where one was shown (or never observed): a new R11.1 finding. */
  readonly missingFound: boolean;
  /** A sign seen shown where it was missing: the rectification of an R11.1 finding. */
  readonly rectifies: boolean;
}

/**
 * R11.1: evidence of the sign over time. A photo carries its hash (the bytes stay with whoever
 * took it; the ledger fixes which photo was shown); an inspection record is a public security
 * organ's (`byPsb`). An observation in the future is refused. An older observation than the
 * latest is kept in the history but changes nothing now. Only a system in a public place owes
 * a sign, so only there does a missing sign become a finding.
 */
export function decideSignageEvidence(state: SignageState, evidence: SignageEvidence, byPsb: boolean, now: Date): Result<SignageDecision> {
  if (evidence.observedAt.getTime() > now.getTime()) {
    return err(domainErrorOf('CUSTOS_R11_1_OBSERVED_IN_FUTURE', { observedAt: evidence.observedAt.toISOString() }));
  }
  if (evidence.kind === 'PHOTO' && !/^[0-9a-f]{64}$/.test(evidence.photoSha256 ?? '')) {
    return err(domainErrorOf('CUSTOS_R11_1_PHOTO_HASH_REQUIRED', {}));
  }
  if (evidence.kind === 'INSPECTION' && !byPsb) return err(domainErrorOf('CUSTOS_R11_1_INSPECTION_BY_PSB_ONLY', {}));
  if (evidence.kind === 'INSPECTION' && !evidence.inspectionReference) {
    return err(domainErrorOf('CUSTOS_R11_1_INSPECTION_REFERENCE_REQUIRED', {}));
  }
  const current = state.observedAt === undefined || evidence.observedAt.getTime() >= state.observedAt.getTime();
  if (!current) return ok({ current, shown: state.shown, missingFound: false, rectifies: false });
  const owed = signageRequired(state);
  return ok({
    current,
    shown: evidence.shown,
    missingFound: owed && !evidence.shown && state.shown,
    rectifies: owed && evidence.shown && !state.shown,
  });
}
