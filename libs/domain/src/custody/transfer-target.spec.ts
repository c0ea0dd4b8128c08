import { Organisation } from '../organisation/organisation';
import { assertTransferTarget } from './transfer-target';

const IN_FORCE = new Date('2025-04-01T00:00:00+08:00');
const BEFORE = new Date(IN_FORCE.getTime() - 1);
const court: Organisation = { id: 'court-yanta', type: 'JUDICIAL', level: 'COUNTY', divisionCode: '610113' };
const market: Organisation = { id: 'market-yanta', type: 'OTHER_ADMIN', level: 'COUNTY', divisionCode: '610113' };
const owner: Organisation = { id: 'owner-mall', type: 'OWNER', level: 'COUNTY', divisionCode: '610113' };

const outcome = (target: Organisation, at?: Date) => {
  const result = assertTransferTarget(target.id, target, undefined, at);
  return result.ok ? 'ACCEPTED' : `${result.error.code} ${JSON.stringify(result.error.details?.rulePack ?? null)}`;
};

describe('a transfer target under the rule pack of its place (R17.1, CN2025-USE)', () => {
  it('accepts a court in Shaanxi from 2025-04-01, under CN2025+SX2012 (CN2025-USE)', () => {
    expect(outcome(court, IN_FORCE)).toBe('ACCEPTED');
  });

  it('refuses the court a millisecond before, under SX2012 alone, naming the pack (SX2012-R17.1)', () => {
    expect(outcome(court, BEFORE)).toBe('CUSTOS_R17_1_TRANSFER_TARGET_NOT_AN_ORGAN {"id":"SX2012","version":"1.0.0"}');
  });

  it('keeps the Shaanxi list without an instant, and another administrative department on either side (SX2012-R17.1 stands)', () => {
    expect(outcome(court)).toBe('CUSTOS_R17_1_TRANSFER_TARGET_NOT_AN_ORGAN null');
    expect([outcome(market, BEFORE), outcome(market, IN_FORCE)]).toEqual(['ACCEPTED', 'ACCEPTED']);
  });

  it('refuses an owner under every pack (R17.1, CN2025-USE)', () => {
    expect(outcome(owner, IN_FORCE)).toMatch(/^CUSTOS_R17_1_TRANSFER_TARGET_NOT_AN_ORGAN /);
  });
});
