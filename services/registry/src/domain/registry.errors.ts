import { domainError, DomainError } from '@custos/domain';
import { DomainException } from '@custos/platform';

/**
 * The registry's own refusals, for states the domain catalogue does not describe (an entity
 * that does not exist, or exists already). Each cites the rule whose register it concerns and
 * carries its HTTP status; rule refusals come from @custos/domain with their catalogue status.
 */
export const REGISTRY_ERRORS = {
  CUSTOS_REGISTRY_ORGANISATION_NOT_FOUND: { rule: 'R5.1', status: 404, reason: 'no such organisation' },
  CUSTOS_REGISTRY_OFFICER_NOT_FOUND: { rule: 'R18.1', status: 404, reason: 'no such officer' },
  CUSTOS_REGISTRY_OPERATOR_NOT_FOUND: { rule: 'R16.2', status: 404, reason: 'no such operator' },
  CUSTOS_REGISTRY_IMAGE_SYSTEM_NOT_FOUND: { rule: 'R2.1', status: 404, reason: 'no such image system' },
  CUSTOS_REGISTRY_CAMERA_NOT_FOUND: { rule: 'R2.1', status: 404, reason: 'no such camera' },
  CUSTOS_REGISTRY_ALREADY_REGISTERED: { rule: 'R2.1', status: 409, reason: 'an entity with this id is registered already' },
  CUSTOS_REGISTRY_PARENT_DIVISION_MISMATCH: {
    rule: 'R5.1',
    status: 400,
    reason: "an organisation's division must lie within its parent's jurisdiction",
  },
  CUSTOS_REGISTRY_HEAD_TERM_OVERLAPS: {
    rule: 'R17.2',
    status: 409,
    reason: 'the person already has a head term of this organisation overlapping that instant',
  },
  CUSTOS_REGISTRY_HEAD_TERM_NOT_OPEN: { rule: 'R17.2', status: 409, reason: 'the person has no open head term to end' },
  CUSTOS_REGISTRY_HEAD_TERM_END_NOT_AFTER_START: {
    rule: 'R17.2',
    status: 400,
    reason: 'a head term must end after it began',
  },
  CUSTOS_REGISTRY_CREDENTIAL_ALREADY_ISSUED: {
    rule: 'R18.2',
    status: 409,
    reason: 'this credential number is issued already',
  },
  CUSTOS_REGISTRY_CREDENTIAL_NOT_FOUND: { rule: 'R18.2', status: 404, reason: 'the officer has no such credential' },
  CUSTOS_REGISTRY_CREDENTIAL_DATES_INVALID: {
    rule: 'R18.2',
    status: 400,
    reason: 'a credential must expire after it is issued, and a status cannot change before issuance',
  },
  CUSTOS_REGISTRY_CREDENTIAL_REVOKED: {
    rule: 'R18.2',
    status: 409,
    reason: 'a revoked credential is final: issue a new one',
  },
  CUSTOS_REGISTRY_CHANGE_NOT_FOUND: { rule: 'R15.1', status: 404, reason: 'the system has no change report of that id' },
  CUSTOS_REGISTRY_CAMERA_CHANGE_NEEDS_CAMERA: {
    rule: 'R15.1',
    status: 400,
    reason: "a new place or function is reported as a CHANGED report of one camera",
  },
  CUSTOS_REGISTRY_FACILITY_REMOVED: {
    rule: 'R15.1',
    status: 409,
    reason: 'the facility was removed; a removed facility cannot change again',
  },
} as const;

export type RegistryErrorCode = keyof typeof REGISTRY_ERRORS;

export function registryError(code: RegistryErrorCode, details?: Record<string, unknown>, message?: string): DomainError {
  const spec = REGISTRY_ERRORS[code];
  return domainError(code, spec.rule, message ?? spec.reason, details);
}

/** The HTTP answer to a refusal: the registry's status for its codes, the domain's for the rest. */
export function refusal(error: DomainError): DomainException {
  const own = (REGISTRY_ERRORS as Record<string, { status: number } | undefined>)[error.code];
  return new DomainException(error, own?.status);
}
