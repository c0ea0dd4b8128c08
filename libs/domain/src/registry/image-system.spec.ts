import { signageFinding, signageRequired } from './image-system';

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
