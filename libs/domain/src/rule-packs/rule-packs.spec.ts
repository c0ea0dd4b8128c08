import { routeApprovalCase } from '../approvals/approval-route';
import { Officer } from '../officers/officer';
import { OrganisationType } from '../organisation/organisation-type';
import { assertCoSignature } from '../requests/co-signature';
import { assertNoFee } from '../requests/fee';
import { assertMayRequest, REQUEST_KINDS } from '../requests/request-kind';
import { assertRetentionAllowed } from '../storage/retention';
import { cn2025Pack, CN2025_PACK } from './cn2025';
import { assertPublicationReleasable } from './publication';
import { qualifiedRuleId, RulePack } from './rule-pack';
import { DEFAULT_RULE_PACK_CONFIG, selectRulePack, selectRulePackForPlaces } from './select-rule-pack';
import { SX2012_PACK } from './sx2012';

/** The instant the national regulation came into force, 2025-04-01 00:00 Beijing time, and either side of it. */
const IN_FORCE = new Date('2025-04-01T00:00:00+08:00');
const BEFORE = new Date(IN_FORCE.getTime() - 1);
const AFTER = IN_FORCE;
const YANTA = '610113';
const BEIJING_CHAOYANG = '110105';

function packAt(division: string, at: Date): RulePack {
  const pack = selectRulePack(division, at);
  if (!pack.ok) throw new Error(pack.error.code);
  return pack.value;
}

/** The three texts an act can fall under: Shaanxi before and after 2025-04-01, and outside Shaanxi after. */
const ACTS = [
  ['Shaanxi before 2025-04-01', YANTA, BEFORE, 'SX2012'],
  ['Shaanxi from 2025-04-01', YANTA, AFTER, 'CN2025+SX2012'],
  ['Beijing from 2025-04-01', BEIJING_CHAOYANG, AFTER, 'CN2025'],
] as const;

describe('selectRulePack: the text by place and instant (issue 21)', () => {
  it.each(ACTS)('an act in %s is decided under %s', (_name, division, at, id) => {
    expect(packAt(division, at).id).toBe(id);
  });

  it('records both texts and their versions in a composition, national first', () => {
    expect(packAt(YANTA, AFTER)).toMatchObject({ id: 'CN2025+SX2012', version: '1.0.0+1.0.0' });
  });

  it('finds no text for an act outside Shaanxi before 2025-04-01, and refuses it', () => {
    const pack = selectRulePack(BEIJING_CHAOYANG, BEFORE);
    expect(pack.ok ? pack.value.id : pack.error.code).toBe('CUSTOS_RULE_PACK_NONE_APPLIES');
  });

  it('applies only the national text in Shaanxi when the composition is HIGHEST_RANK_ONLY', () => {
    const pack = selectRulePack(YANTA, AFTER, { ...DEFAULT_RULE_PACK_CONFIG, composition: 'HIGHEST_RANK_ONLY' });
    expect(pack.ok && pack.value.id).toBe('CN2025');
  });

  it('refuses one request over systems that stand under different texts', () => {
    const pack = selectRulePackForPlaces([YANTA, BEIJING_CHAOYANG], AFTER);
    expect(pack.ok ? pack.value.id : pack.error.code).toBe('CUSTOS_INPUT_RULE_PACKS_DIFFER');
    const same = selectRulePackForPlaces([YANTA, '610103'], AFTER);
    expect(same.ok && same.value.id).toBe('CN2025+SX2012');
  });

  it('reads R17.3 as an alias of SX2012-R17.3 and leaves qualified IDs as they are', () => {
    expect(qualifiedRuleId('R17.3')).toBe('SX2012-R17.3');
    expect(qualifiedRuleId('CN2025-USE')).toBe('CN2025-USE');
  });
});

const TYPES: readonly OrganisationType[] = [
  'PUBLIC_SECURITY', 'STATE_SECURITY', 'OTHER_ADMIN', 'JUDICIAL', 'EMERGENCY_ADMIN', 'OWNER', 'OVERSIGHT',
];

/** Who may file each kind (V C R D = view, copy, retrieve, direct access), by text. */
const MAY_REQUEST: Record<string, Record<OrganisationType, string>> = {
  SX2012: {
    PUBLIC_SECURITY: 'VCRD', STATE_SECURITY: 'VCRD', OTHER_ADMIN: 'VCR', JUDICIAL: '', EMERGENCY_ADMIN: '', OWNER: '', OVERSIGHT: '',
  },
  'CN2025+SX2012': {
    PUBLIC_SECURITY: 'VCRD', STATE_SECURITY: 'VCRD', OTHER_ADMIN: 'VCR', JUDICIAL: 'VCR', EMERGENCY_ADMIN: 'VCR', OWNER: '', OVERSIGHT: '',
  },
  CN2025: {
    PUBLIC_SECURITY: 'VCR', STATE_SECURITY: 'VCR', OTHER_ADMIN: '', JUDICIAL: 'VCR', EMERGENCY_ADMIN: 'VCR', OWNER: '', OVERSIGHT: '',
  },
};

describe('who may request, by text (SX2012-R17.1, SX2012-R17.4, CN2025-USE)', () => {
  const rows = ACTS.flatMap(([name, division, at, id]) => TYPES.map((type) => [name, type, MAY_REQUEST[id][type], division, at] as const));
  it.each(rows)('in %s a %s organ may file: "%s"', (_name, type, expected, division, at) => {
    const pack = packAt(division, at);
    const allowed = REQUEST_KINDS.filter((kind) => assertMayRequest(type, kind, pack, 'COUNTY').ok)
      .map((kind) => kind[0])
      .join('');
    expect(allowed).toBe(expected);
  });

  it('refuses an emergency department below county level under CN2025 (CN2025-USE)', () => {
    const refused = assertMayRequest('EMERGENCY_ADMIN', 'COPY', CN2025_PACK, 'BELOW_COUNTY');
    expect(refused.ok ? 'ALLOWED' : refused.error.code).toBe('CUSTOS_CN2025_USE_REQUESTER_NOT_ALLOWED');
  });

  it('cites CN2025-USE for a judicial organ and SX2012 R17.1 for a PSB in Shaanxi after 2025-04-01', () => {
    const pack = packAt(YANTA, AFTER);
    expect(assertMayRequest('JUDICIAL', 'COPY', pack, 'COUNTY')).toEqual({ ok: true, value: { rule: 'CN2025-USE' } });
    expect(assertMayRequest('PUBLIC_SECURITY', 'COPY', pack, 'COUNTY')).toEqual({ ok: true, value: { rule: 'R17.1' } });
  });

  it('drops the provincial users beyond the national list when RULE_PACK_PROVINCIAL_USERS is off', () => {
    const pack = selectRulePack(YANTA, AFTER, { ...DEFAULT_RULE_PACK_CONFIG, provincialUsersBeyondNational: false });
    if (!pack.ok) throw new Error(pack.error.code);
    expect(assertMayRequest('OTHER_ADMIN', 'COPY', pack.value, 'COUNTY').ok).toBe(false);
    expect(assertMayRequest('PUBLIC_SECURITY', 'DIRECT_ACCESS', pack.value, 'COUNTY').ok).toBe(false);
  });
});

/** The route of a copy: rule, approving organ types, whether it is the requester itself. */
const ROUTES: Record<string, Partial<Record<OrganisationType, string>>> = {
  SX2012: {
    PUBLIC_SECURITY: 'R17.3 PUBLIC_SECURITY county+',
    STATE_SECURITY: 'R17.2 STATE_SECURITY itself',
    OTHER_ADMIN: 'R17.3 PUBLIC_SECURITY county+',
  },
  'CN2025+SX2012': {
    PUBLIC_SECURITY: 'R17.3 PUBLIC_SECURITY county+',
    STATE_SECURITY: 'R17.2 STATE_SECURITY itself',
    OTHER_ADMIN: 'R17.3 PUBLIC_SECURITY county+',
    JUDICIAL: 'CN2025-USE JUDICIAL itself',
    EMERGENCY_ADMIN: 'CN2025-USE EMERGENCY_ADMIN itself',
  },
  CN2025: {
    PUBLIC_SECURITY: 'CN2025-USE PUBLIC_SECURITY itself',
    STATE_SECURITY: 'CN2025-USE STATE_SECURITY itself',
    JUDICIAL: 'CN2025-USE JUDICIAL itself',
    EMERGENCY_ADMIN: 'CN2025-USE EMERGENCY_ADMIN itself',
  },
};

describe('routing a copy to its approver, by text (SX2012-R17.2, SX2012-R17.3, CN2025-USE)', () => {
  const rows = ACTS.flatMap(([name, division, at, id]) =>
    TYPES.map((type) => [name, type, ROUTES[id][type] ?? 'refused', division, at] as const),
  );
  it.each(rows)('in %s a copy by a %s organ goes to: %s', (_name, type, expected, division, at) => {
    const requesterOrg = { id: `org-${type}`, type, level: 'COUNTY' as const, divisionCode: division };
    const route = routeApprovalCase({ kind: 'COPY', requesterOrg }, packAt(division, at));
    const shown = route.ok
      ? `${route.value.rule} ${route.value.approverOrgTypes.join('|')} ${route.value.mustBeOrgId === requesterOrg.id ? 'itself' : 'county+'}`
      : 'refused';
    expect(shown).toBe(expected);
  });

  it('routes direct access within the own hierarchy in Shaanxi after 2025-04-01 (SX2012-R17.4 stands)', () => {
    const route = routeApprovalCase(
      { kind: 'DIRECT_ACCESS', requesterOrg: { id: 'ss', type: 'STATE_SECURITY', level: 'CITY', divisionCode: '610100' } },
      packAt(YANTA, AFTER),
    );
    expect(route.ok && [route.value.rule, route.value.approverOrgTypes]).toEqual(['R17.4', ['STATE_SECURITY']]);
  });

  it('routes a judicial copy to a county PSB head under CN2025_COPY_APPROVER = COUNTY_PSB_HEAD', () => {
    const pack = cn2025Pack({ copyApprover: 'COUNTY_PSB_HEAD', minimumOfficers: 2, feesForbidden: true });
    const route = routeApprovalCase({ kind: 'COPY', requesterOrg: { id: 'court', type: 'JUDICIAL', level: 'COUNTY', divisionCode: '110105' } }, pack);
    expect(route.ok && [route.value.rule, route.value.approverOrgTypes, route.value.minLevel]).toEqual(['CN2025-USE', ['PUBLIC_SECURITY'], 'COUNTY']);
  });
});

const officer = (personId: string, credentialNumber: string): Officer => ({
  personId,
  organisationId: 'court',
  qualification: {
    credentialNumber,
    issuedAt: new Date('2020-01-01T00:00:00Z'),
    expiresAt: new Date('2030-01-01T00:00:00Z'),
    statusHistory: [],
  },
});

describe('the two-officer, fee and retention tables, by text (SX2012-R18.1, SX2012-R17.5, SX2012-R16.7, CN2025-RETAIN)', () => {
  const TABLE = {
    SX2012: { officers: 2, officersRule: 'R18.1', fee: 'CUSTOS_R17_5_FEE_FORBIDDEN', retention: 'CUSTOS_R16_7_RETENTION_TOO_SHORT' },
    'CN2025+SX2012': { officers: 2, officersRule: 'R18.1', fee: 'CUSTOS_R17_5_FEE_FORBIDDEN', retention: 'CUSTOS_R16_7_RETENTION_TOO_SHORT' },
    CN2025: { officers: 2, officersRule: 'CN2025-USE', fee: 'CUSTOS_CN2025_USE_FEE_FORBIDDEN', retention: 'CUSTOS_CN2025_RETAIN_TOO_SHORT' },
  } as const;

  it.each(ACTS)('in %s: two officers, no fee, at least 30 days', (_name, division, at, id) => {
    const pack = packAt(division, at);
    const expected = TABLE[id];
    expect([pack.officers.value.minimum, pack.officers.rule]).toEqual([expected.officers, expected.officersRule]);
    const fee = assertNoFee(5, pack);
    expect(fee.ok ? 'ALLOWED' : fee.error.code).toBe(expected.fee);
    expect(assertNoFee(0, pack).ok).toBe(true);
    const short = assertRetentionAllowed(29, pack);
    expect(short.ok ? 'ALLOWED' : short.error.code).toBe(expected.retention);
    expect(assertRetentionAllowed(30, pack)).toEqual({ ok: true, value: 30 });
  });

  it.each(ACTS)('in %s one officer alone is refused (R18.1)', (_name, division, at) => {
    const pack = packAt(division, at);
    const alone = assertCoSignature({ filer: officer('a', 'C1'), coSigner: null, at, minimumOfficers: pack.officers.value.minimum });
    expect(alone.ok ? 'ALLOWED' : alone.error.code).toBe('CUSTOS_R18_1_SECOND_OFFICER_REQUIRED');
  });

  it('asks for three officers where a national policy says three, and never for fewer than two', () => {
    const three = cn2025Pack({ copyApprover: 'REQUESTING_ORGAN_HEAD', minimumOfficers: 3, feesForbidden: true });
    const two = assertCoSignature({ filer: officer('a', 'C1'), coSigner: officer('b', 'C2'), at: AFTER, minimumOfficers: three.officers.value.minimum });
    expect(two.ok ? 'ALLOWED' : two.error.code).toBe('CUSTOS_R18_1_SECOND_OFFICER_REQUIRED');
    const one = cn2025Pack({ copyApprover: 'REQUESTING_ORGAN_HEAD', minimumOfficers: 1, feesForbidden: true });
    const single = assertCoSignature({ filer: officer('a', 'C1'), coSigner: null, at: AFTER, minimumOfficers: one.officers.value.minimum });
    expect(single.ok).toBe(false);
  });

  it('lets an owner charge under CN2025 alone only where CN2025_FEES_FORBIDDEN is off', () => {
    expect(assertNoFee(5, cn2025Pack({ copyApprover: 'REQUESTING_ORGAN_HEAD', minimumOfficers: 2, feesForbidden: false })).ok).toBe(true);
  });

  it('never lowers the retention floor by composition', () => {
    expect(packAt(YANTA, AFTER).retention.value.floorDays).toBe(Math.max(SX2012_PACK.retention.value.floorDays, CN2025_PACK.retention.value.floorDays));
  });
});

describe('public dissemination (CN2025-PUBLISH)', () => {
  const masked = {
    maskedBy: 'operator-1',
    maskedAt: '2026-01-01T00:00:00Z',
    maskedSha256: 'a'.repeat(64),
    features: ['FACE', 'PERSONAL_FEATURES', 'LICENCE_PLATE', 'OTHER_PRIVATE_INFORMATION'] as const,
  };
  const now = new Date('2026-02-01T00:00:00Z');

  it.each(ACTS)('in %s: unmasked footage is released for publication only where no masking rule applies', (_name, division, at, id) => {
    const result = assertPublicationReleasable(undefined, now, packAt(division, at));
    expect(result.ok ? 'RELEASED' : result.error.code).toBe(id === 'SX2012' ? 'RELEASED' : 'CUSTOS_CN2025_PUBLISH_NOT_MASKED');
  });

  it('releases footage whose masking is recorded with author, instant and hash, citing CN2025-PUBLISH', () => {
    expect(assertPublicationReleasable(masked, now, CN2025_PACK)).toEqual({ ok: true, value: { rule: 'CN2025-PUBLISH' } });
  });

  it.each([
    ['plates left unmasked', { features: ['FACE', 'PERSONAL_FEATURES', 'OTHER_PRIVATE_INFORMATION'] }],
    ['no author', { maskedBy: ' ' }],
    ['no hash', { maskedSha256: 'not-a-hash' }],
    ['masked in the future', { maskedAt: '2027-01-01T00:00:00Z' }],
  ])('refuses a masking record with %s', (_name, change) => {
    const result = assertPublicationReleasable({ ...masked, ...change } as typeof masked, now, CN2025_PACK);
    expect(result.ok ? 'RELEASED' : result.error.code).toBe('CUSTOS_CN2025_PUBLISH_NOT_MASKED');
  });
});

describe('the packs as data', () => {
  it('name their source, territory and validity: SX2012 Shaanxi (61), CN2025 the whole country from 2025-04-01', () => {
    expect([SX2012_PACK.territory, CN2025_PACK.territory, CN2025_PACK.validFrom]).toEqual([['61'], [''], '2025-04-01T00:00:00+08:00']);
    expect(CN2025_PACK.source.order).toBe('State Council Order No. 799');
  });

  it('forbid state organs to designate vendors under CN2025, and require no vendor anywhere (CN2025-VENDOR)', () => {
    expect(CN2025_PACK.vendorNeutral).toEqual({ rule: 'CN2025-VENDOR', value: true });
    expect(JSON.stringify([SX2012_PACK, CN2025_PACK])).not.toMatch(/vendorId|brand"|manufacturer/i);
  });

  it('name a setting for every point the national text leaves open', () => {
    expect(CN2025_PACK.unsettled.map((u) => u.setting)).toEqual(
      expect.arrayContaining(['CN2025_COPY_APPROVER', 'CN2025_MINIMUM_OFFICERS', 'CN2025_FEES_FORBIDDEN', 'RULE_PACK_PROVINCIAL_USERS']),
    );
  });
});
