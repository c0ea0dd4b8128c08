import {
  assertCameraLocationAllowed,
  CAMERA_LOCATION_CATEGORIES,
  FORBIDDEN_CAMERA_LOCATIONS,
  isCameraLocationCategory,
} from './camera-location';

describe('assertCameraLocationAllowed (R8.1)', () => {
  it('refuses a camera in a hotel guest room, Art. 8(1) (R8.1)', () => {
    expectForbidden('HOTEL_GUEST_ROOM', 'Art. 8(1)');
  });

  it('refuses a camera in a collective or personal dormitory, Art. 8(2) (R8.1)', () => {
    expectForbidden('DORMITORY', 'Art. 8(2)');
  });

  it('refuses a camera in a public bath, Art. 8(3) (R8.1)', () => {
    expectForbidden('PUBLIC_BATH', 'Art. 8(3)');
  });

  it('refuses a camera in a changing room, Art. 8(3) (R8.1)', () => {
    expectForbidden('CHANGING_ROOM', 'Art. 8(3)');
  });

  it('refuses a camera in a toilet, Art. 8(3) (R8.1)', () => {
    expectForbidden('TOILET', 'Art. 8(3)');
  });

  it('refuses a camera in a nursing room, Art. 8(3) (R8.1)', () => {
    expectForbidden('NURSING_ROOM', 'Art. 8(3)');
  });

  it('refuses a camera over a financial area where customer data could leak, Art. 8(4) (R8.1)', () => {
    expectForbidden('FINANCIAL_CUSTOMER_DATA_AREA', 'Art. 8(4)');
  });

  it('refuses a camera at a ballot box or polling point, Art. 8(5) (R8.1)', () => {
    expectForbidden('POLLING_POINT', 'Art. 8(5)');
  });

  it('refuses a camera in any other private place, Art. 8(6) (R8.1)', () => {
    expectForbidden('OTHER_PRIVATE_PLACE', 'Art. 8(6)');
  });

  it('forbids exactly the nine places of Article 8 (R8.1)', () => {
    expect([...FORBIDDEN_CAMERA_LOCATIONS].sort()).toEqual(
      [
        'HOTEL_GUEST_ROOM',
        'DORMITORY',
        'PUBLIC_BATH',
        'CHANGING_ROOM',
        'TOILET',
        'NURSING_ROOM',
        'FINANCIAL_CUSTOMER_DATA_AREA',
        'POLLING_POINT',
        'OTHER_PRIVATE_PLACE',
      ].sort(),
    );
  });

  it.each(CAMERA_LOCATION_CATEGORIES.filter((c) => !FORBIDDEN_CAMERA_LOCATIONS.includes(c)))(
    'allows a camera at %s (R8.1)',
    (category) => {
      expect(assertCameraLocationAllowed(category).ok).toBe(true);
    },
  );

  it('recognises only catalogued categories', () => {
    expect(isCameraLocationCategory('TOILET')).toBe(true);
    expect(isCameraLocationCategory('BEDROOM')).toBe(false);
  });
});

function expectForbidden(
  category: (typeof CAMERA_LOCATION_CATEGORIES)[number],
  article: string,
): void {
  const result = assertCameraLocationAllowed(category);
  expect(result.ok).toBe(false);
  expect(!result.ok && result.error).toMatchObject({
    code: 'CUSTOS_R8_1_FORBIDDEN_CAMERA_LOCATION',
    rule: 'R8.1',
    details: { category, article },
  });
}
