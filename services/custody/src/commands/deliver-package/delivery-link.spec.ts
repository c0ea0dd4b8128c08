import { deliveryClaimsOf } from './delivery-link';

const requestedBy = { personId: 'p-li', credentialNumber: 'C-1', subject: 'dev:li', organisationId: 'org-psb' };
const deliveryLink = {
  exp: Date.now() + 60_000,
  use: 'delivery',
  linkId: 'link-1',
  evidenceItemId: 'item-1',
  approvalDocumentNumber: 'A-2026-1',
  officers: [{ personId: 'p-li', credentialNumber: 'C-1' }],
  requestedBy,
};

describe('the claims of a delivery link (R18.5)', () => {
  it('answers the claims of a well-formed delivery link, without its expiry', () => {
    const { exp: _exp, ...claims } = deliveryLink;
    expect(deliveryClaimsOf(deliveryLink)).toEqual({ ok: true, value: claims });
  });

  it.each([
    ['a playback link', { ...deliveryLink, use: 'playback' }],
    ['a link without its officers', { ...deliveryLink, officers: undefined }],
    ['a link whose requester is no officer of an organ', { ...deliveryLink, requestedBy: { personId: 'p-li', credentialNumber: 'C-1' } }],
    ['a link whose approval document id is no string', { ...deliveryLink, approvalDocumentId: 7 }],
  ])('refuses %s as invalid, as a result rather than a throw (R18.5)', (_what, claims) => {
    expect(deliveryClaimsOf(claims)).toMatchObject({ ok: false, error: { code: 'CUSTOS_LINK_INVALID' } });
  });
});
