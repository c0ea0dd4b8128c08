import { domainError, DomainError, domainErrorOf } from '@custos/domain';

/**
 * The storage service's own refusals, beside the domain catalogue's. Each cites the rule it
 * serves: R3.1 (least privilege: no footage of cameras one does not own, nothing unknown).
 */
export const STORAGE_ERRORS = {
  unknownCamera: (cameraId: string): DomainError =>
    domainError('CUSTOS_R3_1_UNKNOWN_CAMERA', 'R3.1', 'the camera is not registered', { cameraId }),
  segmentNotFound: (segmentId: string): DomainError =>
    domainError('CUSTOS_R3_1_SEGMENT_NOT_FOUND', 'R3.1', 'no such footage segment of your organisation', { segmentId }),
  alreadyExported: (approvalDocumentNumber: string, exportId: string, exportedAt: Date): DomainError =>
    domainError(
      'CUSTOS_R18_5_ALREADY_EXPORTED',
      'R18.5',
      'this approval document was already exported: export it again only explicitly, with reExport.reason',
      { approvalDocumentNumber, exportId, exportedAt: exportedAt.toISOString() },
    ),
  exportNotFound: (exportId: string): DomainError =>
    domainError('CUSTOS_R3_1_EXPORT_NOT_FOUND', 'R3.1', 'no such export package of your organisation', { exportId }),
  noOwnCameraInScope: (cameraIds: readonly string[]): DomainError =>
    domainError(
      'CUSTOS_R3_1_NO_OWN_CAMERA_IN_SCOPE',
      'R3.1',
      'the approved scope names no camera of your organisation',
      {
        cameraIds,
      },
    ),
  incompleteUpload: (expected: number, received: number): DomainError =>
    domainError('CUSTOS_R16_3_UPLOAD_INCOMPLETE', 'R16.3', 'the upload ended before all announced bytes arrived', {
      expected,
      received,
    }),
  requestingOrganMismatch: (stated: string, named: string): DomainError =>
    domainError(
      'CUSTOS_R18_5_REQUESTING_ORGAN_MISMATCH',
      'R18.5',
      'the approval document names another requesting organ than the one stated: the document decides',
      { statedRequestingOrganisationId: stated, documentRequestingOrganisationId: named },
    ),
  originalImmutable: (segmentId: string, operation: 'OVERWRITE' | 'DELETE', exists: boolean): DomainError =>
    domainErrorOf('CUSTOS_R16_3_ORIGINAL_IMMUTABLE', { segmentId, operation, exists }),
};

/** HTTP statuses of the service's own codes (the catalogue's codes carry theirs). */
export const STORAGE_ERROR_STATUS: Record<string, number> = {
  CUSTOS_R3_1_UNKNOWN_CAMERA: 404,
  CUSTOS_R3_1_SEGMENT_NOT_FOUND: 404,
  CUSTOS_R3_1_EXPORT_NOT_FOUND: 404,
  CUSTOS_R3_1_NO_OWN_CAMERA_IN_SCOPE: 403,
  CUSTOS_R18_5_ALREADY_EXPORTED: 409,
  CUSTOS_R16_3_UPLOAD_INCOMPLETE: 400,
  CUSTOS_R18_5_REQUESTING_ORGAN_MISMATCH: 400,
};
