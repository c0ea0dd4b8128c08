import { Officer } from '../officers/officer';
import { assertOfficerOfAuthorisedOrgan, assertOfficersOfOrganisation } from './authorised-organ';

const AT = new Date('2026-02-16T09:30:00Z');
const officer = (
  personId: string,
  organisationId: string,
  credentialNumber = `cred-${personId}`,
  expiresAt = '2030-01-01T00:00:00Z',
): Officer => ({
  personId,
  organisationId,
  qualification: {
    credentialNumber,
    issuedAt: new Date('2022-01-01T00:00:00Z'),
    expiresAt: new Date(expiresAt),
    statusHistory: [{ status: 'ACTIVE', since: new Date('2022-01-01T00:00:00Z') }],
  },
});
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error!.code);

describe('officers of the authorised organisation (R18.1, R18.5)', () => {
  const li = officer('li', 'psb-yanta');
  const zhang = officer('zhang', 'psb-yanta');

  it('accepts two distinct qualified officers of the organ the document names and returns their credentials (R18.1, R18.5)', () => {
    const result = assertOfficersOfOrganisation([li, zhang], 'psb-yanta', AT);
    expect(result).toEqual({ ok: true, value: ['cred-li', 'cred-zhang'] });
  });

  it('refuses two qualified officers of another organ: state security cannot take a Yanta PSB copy (R18.5)', () => {
    const result = assertOfficersOfOrganisation(
      [officer('wang', 'ss-xian'), officer('zhou', 'ss-xian')],
      'psb-yanta',
      AT,
      { number: 'n' },
    );
    expect(codeOf(result)).toBe('CUSTOS_R18_5_NOT_THE_AUTHORISED_ORGAN');
    expect(!result.ok && result.error.details).toMatchObject({
      number: 'n',
      personId: 'wang',
      officerOrganisationId: 'ss-xian',
      authorisedOrganisationId: 'psb-yanta',
    });
  });

  it('refuses a pair of which one officer is of another organ, before any other check (R18.5)', () => {
    expect(codeOf(assertOfficersOfOrganisation([li, officer('wang', 'ss-xian', 'cred-li')], 'psb-yanta', AT))).toBe(
      'CUSTOS_R18_5_NOT_THE_AUTHORISED_ORGAN',
    );
  });

  it('refuses one officer alone, and one person or one credential counted twice (R18.1)', () => {
    expect(codeOf(assertOfficersOfOrganisation([li], 'psb-yanta', AT))).toBe('CUSTOS_R18_1_SECOND_OFFICER_REQUIRED');
    expect(codeOf(assertOfficersOfOrganisation([li, li], 'psb-yanta', AT))).toBe('CUSTOS_R18_1_SAME_OFFICER_TWICE');
    expect(codeOf(assertOfficersOfOrganisation([li, officer('wu', 'psb-yanta', 'cred-li')], 'psb-yanta', AT))).toBe(
      'CUSTOS_R18_1_SAME_OFFICER_TWICE',
    );
    expect(codeOf(assertOfficersOfOrganisation([li, zhang, li], 'psb-yanta', AT))).toBe(
      'CUSTOS_R18_1_SAME_OFFICER_TWICE',
    );
  });

  it('refuses an officer of the right organ whose qualification has lapsed (R18.2)', () => {
    const lapsed = officer('zhao', 'psb-yanta', 'cred-zhao', '2024-01-01T00:00:00Z');
    expect(codeOf(assertOfficersOfOrganisation([li, lapsed], 'psb-yanta', AT))).toBe(
      'CUSTOS_R18_2_QUALIFICATION_INVALID',
    );
  });

  it('checks a single presenting officer against the organ (R18.5)', () => {
    expect(codeOf(assertOfficerOfAuthorisedOrgan(li, 'psb-yanta'))).toBe('OK');
    expect(codeOf(assertOfficerOfAuthorisedOrgan(li, 'ss-xian'))).toBe('CUSTOS_R18_5_NOT_THE_AUTHORISED_ORGAN');
  });
});
