import { domainErrorOf } from '../errors';
import { err, ok, Result } from '../result';
import { OrganisationLevel } from './organisation-type';

/**
 * A parsed administrative division code (GB/T 2260 for province, city and county; the
 * statistical extension of 3 digits for a township and 3 more for a village or community).
 * `prefix` is the part of the code that the division fixes: every division inside it starts
 * with the same digits, which is what jurisdiction containment compares (R5.1).
 */
export interface Division {
  /** The code without zero padding: 6, 9 or 12 digits. */
  readonly code: string;
  readonly level: OrganisationLevel;
  readonly prefix: string;
}

const SHAPE = /^(?:\d{6}|\d{9}|\d{12})$/;
/**
 * The code of the whole country (GB/T 2260 `100000`, 中华人民共和国), the division of national
 * organs (R5.1). Its prefix is empty: it covers every division.
 */
export const NATIONAL_DIVISION_CODE = '100000';
const NATIONAL_PADDED = /^100000(?:000){0,2}$/;
const PROVINCE_PART = /^[1-8][1-9]/;

/**
 * Parses a code of 6, 9 or 12 digits. Trailing all-zero groups are padding, so the county
 * code padded to 12 digits (610113000000) is the county 610113 — some national systems store
 * every code with 12 digits. A group may not be zero while a later group is not (610113000001
 * names a village of no township).
 */
export function parseDivisionCode(code: string): Result<Division> {
  const invalid = (problem: string) =>
    err(domainErrorOf('CUSTOS_R5_1_INVALID_DIVISION_CODE', { code, problem }));
  if (!SHAPE.test(code)) return invalid('must be 6, 9 or 12 digits');
  if (NATIONAL_PADDED.test(code)) return ok({ code: NATIONAL_DIVISION_CODE, level: 'NATIONAL', prefix: '' });
  if (!PROVINCE_PART.test(code)) return invalid('unknown province part');

  let trimmed = code;
  while (trimmed.length > 6 && trimmed.endsWith('000')) trimmed = trimmed.slice(0, -3);
  if (trimmed.length === 12 && trimmed.slice(6, 9) === '000') {
    return invalid('a village code needs a township part');
  }

  const city = trimmed.slice(2, 4);
  const county = trimmed.slice(4, 6);
  if (city === '00' && county !== '00') return invalid('a county part needs a city part');
  if (trimmed.length > 6 && city === '00') {
    // Townships belong to a county, or to a city without counties (Dongguan 441900).
    return invalid('a township part needs a city or county part');
  }

  if (trimmed.length === 12) return ok({ code: trimmed, level: 'BELOW_COUNTY', prefix: trimmed });
  if (trimmed.length === 9) return ok({ code: trimmed, level: 'BELOW_COUNTY', prefix: trimmed });
  if (city === '00') return ok({ code: trimmed, level: 'PROVINCE', prefix: trimmed.slice(0, 2) });
  if (county === '00') return ok({ code: trimmed, level: 'CITY', prefix: trimmed.slice(0, 4) });
  return ok({ code: trimmed, level: 'COUNTY', prefix: trimmed });
}

export function isValidDivisionCode(code: string): boolean {
  return parseDivisionCode(code).ok;
}

/** The level of the division a code names, or `undefined` for an invalid code. */
export function levelOfDivision(code: string): OrganisationLevel | undefined {
  const parsed = parseDivisionCode(code);
  return parsed.ok ? parsed.value.level : undefined;
}

/**
 * Whether the division `outer` covers the division `inner` (R5.1: an organ supervises its own
 * administrative area). A division covers itself, so a county bureau covers a police station
 * that carries the county's code. An invalid code covers nothing and is covered by nothing:
 * jurisdiction is never granted by a typo.
 */
export function jurisdictionContains(outer: string, inner: string): boolean {
  const o = parseDivisionCode(outer);
  const i = parseDivisionCode(inner);
  if (!o.ok || !i.ok) return false;
  return i.value.code.startsWith(o.value.prefix);
}
