import {
  isValidDivisionCode,
  jurisdictionContains,
  levelOfDivision,
  parseDivisionCode,
} from './division-code';

const SHAANXI = '610000';
const XIAN = '610100';
const YANTA = '610113';
const BEILIN = '610103';
const YANTA_TOWNSHIP = '610113001';
const YANTA_COMMUNITY = '610113001002';
const GANSU = '620000';
const NATIONAL = '100000';

describe('administrative division codes (R5.1)', () => {
  it.each([
    [SHAANXI, 'PROVINCE'],
    [XIAN, 'CITY'],
    [YANTA, 'COUNTY'],
    [YANTA_TOWNSHIP, 'BELOW_COUNTY'],
    [YANTA_COMMUNITY, 'BELOW_COUNTY'],
    ['441900', 'CITY'],
    ['441900003', 'BELOW_COUNTY'],
    [NATIONAL, 'NATIONAL'],
    ['100000000000', 'NATIONAL'],
  ])('gives %s the level %s', (code, level) => {
    expect(levelOfDivision(code)).toBe(level);
  });

  it.each([
    ['610113000000', '610113'],
    ['610113000', '610113'],
    ['610113001000', '610113001'],
    ['610000000000', '610000'],
  ])('reads the zero-padded code %s as %s', (padded, code) => {
    const parsed = parseDivisionCode(padded);
    expect(parsed.ok && parsed.value.code).toBe(code);
  });

  it.each([
    ['', 'empty'],
    ['61011', '5 digits'],
    ['6101130', '7 digits'],
    ['61011300a', 'a letter'],
    ['000000', 'no province'],
    ['910000', 'province part out of range'],
    ['610013', 'a county with no city'],
    ['610000001', 'a township directly under a province'],
    ['610113000001', 'a village with no township'],
  ])('refuses %j (%s) with CUSTOS_R5_1_INVALID_DIVISION_CODE', (code) => {
    const parsed = parseDivisionCode(code);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.code).toBe('CUSTOS_R5_1_INVALID_DIVISION_CODE');
    expect(isValidDivisionCode(code)).toBe(false);
    expect(levelOfDivision(code)).toBeUndefined();
  });
});

describe('jurisdictionContains (R5.1)', () => {
  it.each([
    [SHAANXI, XIAN, true],
    [SHAANXI, YANTA, true],
    [SHAANXI, YANTA_TOWNSHIP, true],
    [SHAANXI, YANTA_COMMUNITY, true],
    [XIAN, YANTA, true],
    [XIAN, YANTA_TOWNSHIP, true],
    [YANTA, YANTA_TOWNSHIP, true],
    [YANTA, YANTA_COMMUNITY, true],
    [YANTA_TOWNSHIP, YANTA_COMMUNITY, true],
    [YANTA, YANTA, true],
    [YANTA, '610113000000', true],
    [YANTA, BEILIN, false],
    [BEILIN, YANTA_TOWNSHIP, false],
    [YANTA, XIAN, false],
    [XIAN, SHAANXI, false],
    [YANTA_TOWNSHIP, YANTA, false],
    [YANTA_TOWNSHIP, '610113002', false],
    [GANSU, YANTA, false],
    ['610300', YANTA, false],
  ])('%s contains %s: %s', (outer, inner, expected) => {
    expect(jurisdictionContains(outer, inner)).toBe(expected);
  });

  it('grants no jurisdiction through an invalid code', () => {
    expect(jurisdictionContains('61', YANTA)).toBe(false);
    expect(jurisdictionContains(SHAANXI, '61xxxx')).toBe(false);
  });
});

describe('the national division 100000 (R5.1): the ministries and national oversight', () => {
  it('covers every province and everything below, and no province covers it', () => {
    for (const inner of [NATIONAL, SHAANXI, GANSU, YANTA, YANTA_COMMUNITY]) expect(jurisdictionContains(NATIONAL, inner)).toBe(true);
    expect(jurisdictionContains(SHAANXI, NATIONAL)).toBe(false);
  });

  it('is the only code with province part 10: 100100 and 101000 stay invalid', () => {
    expect(isValidDivisionCode('100100')).toBe(false);
    expect(isValidDivisionCode('101000')).toBe(false);
  });
});
