import { ORGANISATION_TYPES, OrganisationType } from '../organisation/organisation-type';
import { assertMayRequest, REQUEST_KINDS, RequestKind, requiresApproval } from './request-kind';

type Expected =
  'ALLOWED' | 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED' | 'CUSTOS_R17_4_DIRECT_ACCESS_NOT_ALLOWED';

const EXPECTED: Record<OrganisationType, Record<RequestKind, Expected>> = {
  PUBLIC_SECURITY: {
    VIEW: 'ALLOWED',
    COPY: 'ALLOWED',
    RETRIEVE: 'ALLOWED',
    DIRECT_ACCESS: 'ALLOWED',
  },
  STATE_SECURITY: {
    VIEW: 'ALLOWED',
    COPY: 'ALLOWED',
    RETRIEVE: 'ALLOWED',
    DIRECT_ACCESS: 'ALLOWED',
  },
  OTHER_ADMIN: {
    VIEW: 'ALLOWED',
    COPY: 'ALLOWED',
    RETRIEVE: 'ALLOWED',
    DIRECT_ACCESS: 'CUSTOS_R17_4_DIRECT_ACCESS_NOT_ALLOWED',
  },
  OWNER: {
    VIEW: 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED',
    COPY: 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED',
    RETRIEVE: 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED',
    DIRECT_ACCESS: 'CUSTOS_R17_4_DIRECT_ACCESS_NOT_ALLOWED',
  },
  OVERSIGHT: {
    VIEW: 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED',
    COPY: 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED',
    RETRIEVE: 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED',
    DIRECT_ACCESS: 'CUSTOS_R17_4_DIRECT_ACCESS_NOT_ALLOWED',
  },
  // The national organs are not in the Shaanxi text: under SX2012 alone they use nothing.
  JUDICIAL: {
    VIEW: 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED',
    COPY: 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED',
    RETRIEVE: 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED',
    DIRECT_ACCESS: 'CUSTOS_R17_4_DIRECT_ACCESS_NOT_ALLOWED',
  },
  EMERGENCY_ADMIN: {
    VIEW: 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED',
    COPY: 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED',
    RETRIEVE: 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED',
    DIRECT_ACCESS: 'CUSTOS_R17_4_DIRECT_ACCESS_NOT_ALLOWED',
  },
};

const matrix = ORGANISATION_TYPES.flatMap((type) =>
  REQUEST_KINDS.map((kind) => [type, kind, EXPECTED[type][kind]] as const),
);

describe('assertMayRequest under SX2012, the default pack (SX2012-R17.1, SX2012-R17.4)', () => {
  it.each(matrix)('a %s organisation filing %s: %s', (type, kind, expected) => {
    const result = assertMayRequest(type, kind);
    expect(result.ok ? 'ALLOWED' : result.error.code).toBe(expected);
  });
});

describe('requiresApproval (R17.1–R17.4)', () => {
  it('needs no approval to view (R17.1)', () => {
    expect(requiresApproval('VIEW')).toBe(false);
  });

  it.each(['COPY', 'RETRIEVE', 'DIRECT_ACCESS'] as const)(
    'needs approval to %s (R17.2–R17.4)',
    (kind) => {
      expect(requiresApproval(kind)).toBe(true);
    },
  );
});
