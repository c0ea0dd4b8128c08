import { CustodyOfficer } from '@custos/contracts';

/** An officer as custody records them, for unit tests: `p-<name>`, `s-<name>`, of `organisationId`, showing `credentialNumber`. */
export const custodyOfficer = (name: string, organisationId: string, credentialNumber: string): CustodyOfficer => ({
  personId: `p-${name}`,
  subject: `s-${name}`,
  organisationId,
  credentialNumber,
});
