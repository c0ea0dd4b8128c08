import {
  ApprovalDocument,
  approvalYearOf,
  formatApprovalDocumentNumber,
  parseApprovalDocumentNumber,
  validateApprovalDocument,
} from './approval-document';
import { DOCUMENT } from './approval-document.fixture';


const problemOf = (doc: ApprovalDocument) => {
  const result = validateApprovalDocument(doc);
  return result.ok ? 'OK' : `${result.error.code}: ${String(result.error.details?.problem)}`;
};

describe('approval document numbers (R18.5)', () => {
  it('formats <division>-<organ serial>-<year>-<6-digit sequence>', () => {
    expect(formatApprovalDocumentNumber('610113', 1, 2026, 42)).toBe('610113-001-2026-000042');
  });

  it('numbers two organs of one division apart: the organ serial is part of the number (R18.5)', () => {
    expect(formatApprovalDocumentNumber('610100', 1, 2026, 1)).not.toBe(formatApprovalDocumentNumber('610100', 2, 2026, 1));
  });

  it('parses a number back into its parts', () => {
    expect(parseApprovalDocumentNumber('610113001-002-2026-000007')).toEqual({
      ok: true,
      value: { divisionCode: '610113001', organSerial: 2, year: 2026, sequence: 7 },
    });
  });

  it.each([
    '610113-2026-000042',
    '610113-001-2026-42',
    '610113-001-26-000042',
    '61011-001-2026-000042',
    '910000-001-2026-000001',
    '610113-001-2026-000000',
    '610113-000-2026-000001',
  ])('refuses the malformed number %s (R18.5)', (number) => {
    const result = parseApprovalDocumentNumber(number);
    expect(!result.ok && result.error.code).toBe('CUSTOS_R18_5_DOCUMENT_MALFORMED');
  });

  it('numbers a document in the Chinese calendar year of issue', () => {
    expect(approvalYearOf(new Date('2026-12-31T15:59:59.999Z'))).toBe(2026);
    expect(approvalYearOf(new Date('2026-12-31T16:00:00.000Z'))).toBe(2027);
  });
});

describe('validateApprovalDocument (R18.5)', () => {
  it('accepts a well-formed document', () => {
    expect(problemOf(DOCUMENT)).toBe('OK');
  });

  it.each<[string, Partial<ApprovalDocument>]>([
    ['a number of another year', { number: '610113-001-2025-000042' }],
    ['no document id', { documentId: '' }],
    ['no requesting organisation', { requestingOrganisationId: '' }],
    ['no filing officer', { filedBy: { personId: '' } }],
    ['filed and co-signed by one officer (R18.1)', { coSignedBy: { personId: 'officer-li' } }],
    ['no purpose', { purpose: undefined as unknown as string }],
    ['an empty validity period', { validUntil: DOCUMENT.validFrom }],
    ['validity before issue', { validFrom: '2026-02-15T11:59:59.000Z' }],
    ['a local-time instant', { validUntil: '2026-02-22T20:00:00+08:00' }],
    ['a signer of another organ', { signer: { personId: 'p-x', organisationId: 'psb-beilin' } }],
    ['no camera', { scope: { ...DOCUMENT.scope, cameraIds: [] } }],
    [
      'an empty scope window',
      {
        scope: {
          ...DOCUMENT.scope,
          window: { from: DOCUMENT.scope.window.to, to: DOCUMENT.scope.window.to },
        },
      },
    ],
    ['the kind VIEW', { kind: 'VIEW' as ApprovalDocument['kind'] }],
    ['no request id', { requestId: '' }],
  ])('refuses %s as malformed (R18.5)', (_label, change) => {
    expect(problemOf({ ...DOCUMENT, ...change })).toMatch(/^CUSTOS_R18_5_DOCUMENT_MALFORMED/);
  });
});
