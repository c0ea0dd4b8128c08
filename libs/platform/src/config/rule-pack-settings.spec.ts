import { DEFAULT_RULE_PACK_CONFIG, selectRulePack } from '@custos/domain';
import { CommonConfig, rulePacksOf } from './common.config';
import { ConfigValidationError } from './config-validation.error';
import { loadConfig } from './load-config';

const XIAN_YANTA = '610113';
const BEIJING_DONGCHENG = '110101';
const AFTER = new Date('2025-06-01T00:00:00+08:00');

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(CommonConfig, env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.message;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('rule pack settings (issue 21)', () => {
  it('default to the documented precedence and policies (DEFAULT_RULE_PACK_CONFIG)', () => {
    const packs = rulePacksOf(loadConfig(CommonConfig, {}));
    expect(packs.composition).toBe(DEFAULT_RULE_PACK_CONFIG.composition);
    expect(packs.provincialStands).toEqual(DEFAULT_RULE_PACK_CONFIG.provincialStands);
    expect(packs.provincialUsersBeyondNational).toBe(true);
    expect(packs.packs).toEqual(DEFAULT_RULE_PACK_CONFIG.packs);
  });

  it('choose the composition and the CN2025 policies from the environment (CN2025_MINIMUM_OFFICERS, RULE_PACK_COMPOSITION)', () => {
    const packs = rulePacksOf(
      loadConfig(CommonConfig, {
        RULE_PACK_COMPOSITION: 'HIGHEST_RANK_ONLY',
        RULE_PACK_PROVINCIAL_STANDS: 'STRICTER',
        RULE_PACK_PROVINCIAL_USERS: 'false',
        CN2025_COPY_APPROVER: 'COUNTY_PSB_HEAD',
        CN2025_MINIMUM_OFFICERS: '3',
        CN2025_FEES_FORBIDDEN: 'false',
      }),
    );
    expect(packs).toMatchObject({ composition: 'HIGHEST_RANK_ONLY', provincialStands: ['STRICTER'], provincialUsersBeyondNational: false });
    const inShaanxi = selectRulePack(XIAN_YANTA, AFTER, packs);
    expect(inShaanxi.ok && inShaanxi.value.id).toBe('CN2025');
    const national = selectRulePack(BEIJING_DONGCHENG, AFTER, packs);
    expect(national.ok && national.value.officers.value.minimum).toBe(3);
    expect(national.ok && national.value.fees).toBeNull();
    expect(national.ok && national.value.approval.value.COPY.JUDICIAL?.approver).toBe('COUNTY_PSB_HEAD');
  });

  it('refuse a bad setting at start with a message naming it and what it may be', () => {
    const message = refusal({
      RULE_PACK_COMPOSITION: 'PROVINCIAL_FIRST',
      RULE_PACK_PROVINCIAL_STANDS: 'STRICTER,CONFLICTS',
      CN2025_COPY_APPROVER: 'ANY_HEAD',
      CN2025_MINIMUM_OFFICERS: '1',
    });
    expect(message).toContain('RULE_PACK_COMPOSITION="PROVINCIAL_FIRST": RULE_PACK_COMPOSITION must be one of NATIONAL_WITH_PROVINCIAL, HIGHEST_RANK_ONLY');
    expect(message).toContain('RULE_PACK_PROVINCIAL_STANDS="STRICTER,CONFLICTS"');
    expect(message).toContain('a CONFLICTS entry never stands');
    expect(message).toContain('CN2025_COPY_APPROVER must be one of REQUESTING_ORGAN_HEAD, COUNTY_PSB_HEAD');
    expect(message).toContain('CN2025_MINIMUM_OFFICERS must be at least 2');
  });
});
