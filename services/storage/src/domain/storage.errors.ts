import { DomainError, domainErrorOf } from '@custos/domain';

/**
 * The storage service's refusals with the facts they rest on. Every code, with its rule,
 * status and reason, is defined once in the domain's `ERROR_CATALOGUE` (R26.1).
 */
export const STORAGE_ERRORS = {
  unknownCamera: (cameraId: string): DomainError => domainErrorOf('CUSTOS_R3_1_UNKNOWN_CAMERA', { cameraId }),
  segmentNotFound: (segmentId: string): DomainError => domainErrorOf('CUSTOS_R3_1_SEGMENT_NOT_FOUND', { segmentId }),
  alreadyExported: (approvalDocumentNumber: string, exportId: string, exportedAt: Date): DomainError =>
    domainErrorOf('CUSTOS_R18_5_ALREADY_EXPORTED', {
      approvalDocumentNumber,
      exportId,
      exportedAt: exportedAt.toISOString(),
    }),
  requestingOrganMismatch: (stated: string, named: string): DomainError =>
    domainErrorOf('CUSTOS_R18_5_REQUESTING_ORGAN_MISMATCH', { statedRequestingOrganisationId: stated, documentRequestingOrganisationId: named }),
  exportNotFound: (exportId: string): DomainError => domainErrorOf('CUSTOS_R3_1_EXPORT_NOT_FOUND', { exportId }),
  noOwnCameraInScope: (cameraIds: readonly string[]): DomainError =>
    domainErrorOf('CUSTOS_R3_1_NO_OWN_CAMERA_IN_SCOPE', { cameraIds }),
  incompleteUpload: (expected: number, received: number): DomainError =>
    domainErrorOf('CUSTOS_R16_3_UPLOAD_INCOMPLETE', { expected, received }),
  originalImmutable: (segmentId: string, operation: 'OVERWRITE' | 'DELETE', exists: boolean): DomainError =>
    domainErrorOf('CUSTOS_R16_3_ORIGINAL_IMMUTABLE', { segmentId, operation, exists }),
  /** The body's media type is a check of the input's form: no rule demands it. */
  rawFootageRequired: (): DomainError => domainErrorOf('CUSTOS_INPUT_RAW_FOOTAGE_REQUIRED'),
  rangeNotSatisfiable: (range: string | undefined, sizeBytes: number): DomainError =>
    domainErrorOf('CUSTOS_INPUT_RANGE_NOT_SATISFIABLE', { range, sizeBytes }),
  uploadSessionNotFound: (sessionId: string): DomainError =>
    domainErrorOf('CUSTOS_R16_3_UPLOAD_SESSION_NOT_FOUND', { sessionId }),
  uploadSessionExpired: (sessionId: string, expiresAt: Date): DomainError =>
    domainErrorOf('CUSTOS_R16_3_UPLOAD_SESSION_EXPIRED', { sessionId, expiresAt: expiresAt.toISOString() }),
  uploadSessionOpen: (segmentId: string, sessionId: string): DomainError =>
    domainErrorOf('CUSTOS_R16_3_UPLOAD_SESSION_OPEN', { segmentId, sessionId }),
  uploadPartOutOfOrder: (part: number, expectedPart: number, receivedBytes: number): DomainError =>
    domainErrorOf('CUSTOS_R16_3_UPLOAD_PART_OUT_OF_ORDER', { part, expectedPart, receivedBytes }),
  uploadPartBusy: (sessionId: string): DomainError => domainErrorOf('CUSTOS_R16_3_UPLOAD_PART_BUSY', { sessionId }),
  uploadNotComplete: (sizeBytes: number, receivedBytes: number): DomainError =>
    domainErrorOf('CUSTOS_R16_3_UPLOAD_NOT_COMPLETE', { sizeBytes, receivedBytes }),
  uploadHashMismatch: (declared: string, received: string): DomainError =>
    domainErrorOf('CUSTOS_R16_3_UPLOAD_HASH_MISMATCH', { declaredSha256: declared, receivedSha256: received }),
};
