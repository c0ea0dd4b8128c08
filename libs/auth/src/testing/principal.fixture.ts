import type { Principal } from '../principal/principal';

/** An officer of the Chang'an district PSB (Xi'an, 610116) with a credential, for tests. */
export function aPrincipal(overrides: Partial<Principal> = {}): Principal {
  return {
    subject: 'a6c1f0de-0000-4000-8000-000000000001',
    personId: 'person-officer-wang',
    organisationId: 'org-psb-changan',
    organisationType: 'PUBLIC_SECURITY',
    divisionCode: '610116',
    roles: ['OFFICER'],
    credentialNumber: '61011600123',
    ...overrides,
  };
}
