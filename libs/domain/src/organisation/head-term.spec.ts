import { HeadTerm, isHeadAt } from './head-term';

const term: HeadTerm = {
  personId: 'p-wang',
  organisationId: 'psb-yanta',
  from: new Date('2024-03-01T00:00:00Z'),
  to: new Date('2026-03-01T00:00:00Z'),
};
const openEnded: HeadTerm = {
  personId: 'p-li',
  organisationId: 'psb-yanta',
  from: new Date('2026-03-01T00:00:00Z'),
};
const terms = [term, openEnded];

describe('isHeadAt (R17.2–R17.4)', () => {
  it('is false before the term starts', () => {
    expect(isHeadAt(terms, 'p-wang', 'psb-yanta', new Date('2024-02-29T23:59:59.999Z'))).toBe(
      false,
    );
  });

  it('is true from the first instant of the term', () => {
    expect(isHeadAt(terms, 'p-wang', 'psb-yanta', new Date('2024-03-01T00:00:00Z'))).toBe(true);
  });

  it('is true during the term', () => {
    expect(isHeadAt(terms, 'p-wang', 'psb-yanta', new Date('2025-06-15T12:00:00Z'))).toBe(true);
  });

  it('is false at the instant the term ends, when the successor takes over', () => {
    const handover = new Date('2026-03-01T00:00:00Z');
    expect(isHeadAt(terms, 'p-wang', 'psb-yanta', handover)).toBe(false);
    expect(isHeadAt(terms, 'p-li', 'psb-yanta', handover)).toBe(true);
  });

  it('keeps an open-ended term active indefinitely', () => {
    expect(isHeadAt(terms, 'p-li', 'psb-yanta', new Date('2040-01-01T00:00:00Z'))).toBe(true);
  });

  it('does not make a head of one organ head of another', () => {
    expect(isHeadAt(terms, 'p-wang', 'psb-beilin', new Date('2025-06-15T12:00:00Z'))).toBe(false);
  });

  it('is false with no terms', () => {
    expect(isHeadAt([], 'p-wang', 'psb-yanta', new Date('2025-06-15T12:00:00Z'))).toBe(false);
  });
});
