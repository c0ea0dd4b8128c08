import { decideSignageEvidence, signageFinding, signageRequired } from './image-system';

describe('signage (R11.1)', () => {
  it('requires a sign for a system in a public place (R11.1)', () => {
    expect(signageRequired({ inPublicPlace: true })).toBe(true);
  });

  it('requires no sign for a system outside public places (R11.1)', () => {
    expect(signageRequired({ inPublicPlace: false })).toBe(false);
  });

  it('finds a public-place system without a sign (R11.1)', () => {
    expect(signageFinding({ id: 'sys-1', inPublicPlace: true, signageShown: false })).toMatchObject(
      {
        code: 'CUSTOS_R11_1_SIGNAGE_MISSING',
        rule: 'R11.1',
        details: { imageSystemId: 'sys-1' },
      },
    );
  });

  it('finds nothing when the sign is shown or not required (R11.1)', () => {
    expect(signageFinding({ id: 'sys-1', inPublicPlace: true, signageShown: true })).toBeNull();
    expect(signageFinding({ id: 'sys-2', inPublicPlace: false, signageShown: false })).toBeNull();
  });
});

describe('signage evidence over time (R11.1)', () => {
  const now = new Date('2026-05-01T00:00:00Z');
  const shownSince = { inPublicPlace: true, shown: true, observedAt: new Date('2026-03-01T00:00:00Z') };
  const photo = (shown: boolean, at = '2026-04-01T00:00:00Z') => ({ kind: 'PHOTO' as const, shown, observedAt: new Date(at), photoSha256: 'a'.repeat(64) });

  it('finds a sign seen missing where it was shown, once (R11.1)', () => {
    expect(decideSignageEvidence(shownSince, photo(false), false, now)).toEqual({ ok: true, value: { current: true, shown: false, missingFound: true, rectifies: false } });
    const missing = { ...shownSince, shown: false };
    expect(decideSignageEvidence(missing, photo(false), false, now)).toMatchObject({ value: { missingFound: false, rectifies: false } });
  });

  it('records the rectification when the sign is seen again (R11.1)', () => {
    expect(decideSignageEvidence({ ...shownSince, shown: false }, photo(true), false, now)).toMatchObject({ value: { shown: true, rectifies: true } });
  });

  it('keeps an older observation in the history without changing what the sign is now (R11.1)', () => {
    expect(decideSignageEvidence(shownSince, photo(false, '2026-02-01T00:00:00Z'), false, now)).toEqual({ ok: true, value: { current: false, shown: true, missingFound: false, rectifies: false } });
  });

  it('owes no sign, and raises nothing, outside public places (R11.1)', () => {
    expect(decideSignageEvidence({ ...shownSince, inPublicPlace: false }, photo(false), false, now)).toMatchObject({ value: { missingFound: false } });
  });

  it('refuses a photo without its hash, a future observation, and an inspection record not by a PSB (R11.1)', () => {
    expect(decideSignageEvidence(shownSince, { ...photo(true), photoSha256: 'xyz' }, false, now)).toMatchObject({ error: { code: 'CUSTOS_R11_1_PHOTO_HASH_REQUIRED' } });
    expect(decideSignageEvidence(shownSince, photo(true, '2026-06-01T00:00:00Z'), false, now)).toMatchObject({ error: { code: 'CUSTOS_R11_1_OBSERVED_IN_FUTURE' } });
    const inspection = { kind: 'INSPECTION' as const, shown: true, observedAt: new Date('2026-04-01T00:00:00Z'), inspectionReference: 'insp-1' };
    expect(decideSignageEvidence(shownSince, inspection, false, now)).toMatchObject({ error: { code: 'CUSTOS_R11_1_INSPECTION_BY_PSB_ONLY' } });
    expect(decideSignageEvidence(shownSince, { ...inspection, inspectionReference: undefined }, true, now)).toMatchObject({ error: { code: 'CUSTOS_R11_1_INSPECTION_REFERENCE_REQUIRED' } });
    expect(decideSignageEvidence(shownSince, inspection, true, now).ok).toBe(true);
  });
});
