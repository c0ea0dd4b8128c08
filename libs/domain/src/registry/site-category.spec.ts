import {
  isSiteCategory,
  SITE_CATEGORIES,
  SITE_CATEGORY_INFO,
  siteRequiresImageSystem,
} from './site-category';

describe('site categories (R7.1, R7.2)', () => {
  it('lists the nine annexed items of R7.1 (Art. 14(1)–(9))', () => {
    const annexed = SITE_CATEGORIES.filter((c) => SITE_CATEGORY_INFO[c].rule === 'R7.1');
    expect(annexed.map((c) => SITE_CATEGORY_INFO[c].source)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `Art. 7(1), Annex Art. 14(${n})`),
    );
  });

  it('lists the five items (2)–(6) of Article 7 under R7.2', () => {
    const listed = SITE_CATEGORIES.filter((c) => SITE_CATEGORY_INFO[c].rule === 'R7.2');
    expect(listed.map((c) => SITE_CATEGORY_INFO[c].source)).toEqual([
      'Art. 7(2)',
      'Art. 7(3)',
      'Art. 7(4)',
      'Art. 7(5)',
      'Art. 7(6)',
    ]);
  });

  it('makes every R7.1 and R7.2 site mandatory and a voluntary system not (R7.1, R7.2)', () => {
    for (const category of SITE_CATEGORIES) {
      expect(siteRequiresImageSystem(category)).toBe(SITE_CATEGORY_INFO[category].rule !== null);
    }
    expect(siteRequiresImageSystem('VOLUNTARY')).toBe(false);
  });

  it('labels every category in English and Chinese', () => {
    for (const category of SITE_CATEGORIES) {
      expect(SITE_CATEGORY_INFO[category].label).not.toBe('');
      expect(SITE_CATEGORY_INFO[category].labelZh).not.toBe('');
    }
  });

  it('recognises only catalogued categories', () => {
    expect(isSiteCategory('TRANSPORT_HUBS')).toBe(true);
    expect(isSiteCategory('CASINO')).toBe(false);
  });
});
