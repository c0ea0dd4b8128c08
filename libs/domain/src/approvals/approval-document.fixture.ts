import { ApprovalDocument } from './approval-document';

/** A well-formed approval document of the Yanta bureau for its own officers. Test data only: not exported. */
export const DOCUMENT: ApprovalDocument = {
  documentId: '5b0c1b4e-2f36-4c55-9d0a-9b1f3f0f6a42',
  number: '610113-001-2026-000042',
  issuingOrganisationId: 'psb-yanta',
  requestId: 'req-7',
  requestingOrganisationId: 'psb-yanta',
  caseReference: 'XA-2026-0117',
  purpose: 'theft at the east entrance',
  filedBy: { personId: 'officer-li' },
  coSignedBy: { personId: 'officer-zhang' },
  kind: 'COPY',
  scope: {
    imageSystemIds: ['sys-metro'],
    cameraIds: ['cam-1', 'cam-2'],
    window: { from: '2026-02-10T09:00:00.000Z', to: '2026-02-10T11:00:00.000Z' },
  },
  validFrom: '2026-02-15T12:00:00.000Z',
  validUntil: '2026-02-22T12:00:00.000Z',
  signer: { personId: 'head-of-psb-yanta', organisationId: 'psb-yanta' },
  issuedAt: '2026-02-15T12:00:00.000Z',
};
