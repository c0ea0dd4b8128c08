import { domainErrorOf } from '../errors';
import { DomainError } from '../result';
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
