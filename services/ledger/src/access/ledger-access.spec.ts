import { aPrincipal } from '@custos/auth';
import { canonicalBytes } from '@custos/contracts';
import { envelope } from '../../test/support';
import { AggregateScope } from './access-index';
import { involvedParties } from './involved-parties';
import { mayReadAggregate, mayReadWholeLog } from './ledger-access';

function entryOf(
  service: string,
  aggregateId: string,
  type: string,
  payload: Record<string, unknown>,
  actorOrg?: string,
) {
  const e = { ...envelope(service, 1, aggregateId, payload), type };
  const actor = actorOrg === undefined ? { subject: 's' } : { subject: 's', organisationId: actorOrg };
  return canonicalBytes({ ...e, actor });
}

describe('involvedParties (R5.1): who an entry involves', () => {
  it('takes the actor and every organisation a request names: requester snapshot and owners', () => {
    const entry = entryOf(
      'requests',
      'req-1',
      'requests.RequestFiled',
      {
        requestingOrganisation: { id: 'psb-yanta', type: 'PUBLIC_SECURITY', level: 'COUNTY', divisionCode: '610113' },
        ownerOrganisationIds: ['owner-mall', 'owner-bank'],
        filer: { personId: 'p', credentialNumber: 'c' },
      },
      'psb-yanta',
    );
    const parties = involvedParties(entry, 'req-1', 'requests.RequestFiled');
    expect([...parties.organisations].sort()).toEqual(['owner-bank', 'owner-mall', 'psb-yanta']);
    expect(parties.divisions).toEqual(['610113']);
    expect(parties.placement).toBeUndefined();
  });

  it('finds nested organisations of custody events (officers, receiving organ, division codes)', () => {
    const entry = entryOf('custody', 'evidence-item:e1', 'custody.HandedOver', {
      fromOrganisationId: 'owner-mall',
      receivingOrganisationId: 'psb-beilin',
      receivingDivisionCode: '610103',
      officers: [{ personId: 'a', subject: 'a', organisationId: 'station-yanta', credentialNumber: 'x' }],
      issuingOrganisationId: 'psb-xian',
    });
    const parties = involvedParties(entry, 'evidence-item:e1', 'custody.HandedOver');
    expect([...parties.organisations].sort()).toEqual(['owner-mall', 'psb-beilin', 'psb-xian', 'station-yanta']);
    expect(parties.divisions).toEqual(['610103']);
  });

  it("places an organisation from the registry's own OrganisationRegistered only", () => {
    const payload = { name: 'Yanta PSB', type: 'PUBLIC_SECURITY', level: 'COUNTY', divisionCode: '610113' };
    const registered = entryOf('registry', 'psb-yanta', 'registry.OrganisationRegistered', payload, 'psb-xian');
    expect(involvedParties(registered, 'psb-yanta', 'registry.OrganisationRegistered')).toMatchObject({
      placement: { organisationId: 'psb-yanta', divisionCode: '610113' },
      organisations: expect.arrayContaining(['psb-yanta', 'psb-xian']),
    });
    const forged = entryOf('custody', 'psb-yanta', 'registry.OrganisationRegistered', payload);
    expect(involvedParties(forged, 'psb-yanta', 'registry.OrganisationRegistered').placement).toBeUndefined();
  });

  it('involves nobody in the shared streams (access denials, gap alarms), nor in an entry that is not JSON', () => {
    const denial = entryOf(
      'custody',
      'access-denials:custody',
      'custody.AccessDenied',
      { organisationId: 'owner-mall' },
      'owner-mall',
    );
    expect(involvedParties(denial, 'access-denials:custody', 'custody.AccessDenied')).toEqual({
      organisations: [],
      divisions: [],
    });
    expect(involvedParties(Buffer.from('{not json'), 'x', 't')).toEqual({ organisations: [], divisions: [] });
  });
});

describe('mayReadAggregate (R5.1, R3.1)', () => {
  const scope: AggregateScope = {
    known: true,
    shared: false,
    organisations: ['psb-yanta', 'owner-mall'],
    divisions: ['610113'],
  };
  const oversight = (divisionCode: string) =>
    aPrincipal({ roles: ['OVERSIGHT'], organisationId: 'oversight-x', divisionCode });

  it('opens an aggregate to an organisation involved in it, whatever its role', () => {
    expect(mayReadAggregate(aPrincipal({ organisationId: 'owner-mall', roles: ['OWNER_OPERATOR'] }), scope)).toBe(true);
    expect(mayReadAggregate(aPrincipal({ organisationId: 'psb-yanta', roles: ['OFFICER'] }), scope)).toBe(true);
    expect(mayReadAggregate(aPrincipal({ organisationId: 'owner-bank', roles: ['OWNER_OPERATOR'] }), scope)).toBe(
      false,
    );
  });

  it('opens it to oversight whose jurisdiction covers an involved division, not to a neighbour or a lower level', () => {
    expect(mayReadAggregate(oversight('610113'), scope)).toBe(true);
    expect(mayReadAggregate(oversight('610100'), scope)).toBe(true);
    expect(mayReadAggregate(oversight('610000'), scope)).toBe(true);
    expect(mayReadAggregate(oversight('610103'), scope)).toBe(false);
    expect(mayReadAggregate(oversight('610113001'), scope)).toBe(false);
    // A division in the payload opens nothing to a non-oversight caller of that division.
    expect(mayReadAggregate(aPrincipal({ organisationId: 'other', divisionCode: '610113' }), scope)).toBe(false);
  });

  it('keeps shared streams closed to involvement', () => {
    expect(mayReadAggregate(aPrincipal({ organisationId: 'owner-mall' }), { ...scope, shared: true })).toBe(false);
  });
});

describe('mayReadWholeLog (R5.1)', () => {
  const province = aPrincipal({ roles: ['OVERSIGHT'], divisionCode: '610000' });

  it('is province-level oversight covering every division and organisation in the log', () => {
    expect(mayReadWholeLog(province, { divisions: ['610113', '610103'], unplacedOrganisations: 0 })).toBe(true);
    expect(mayReadWholeLog(province, { divisions: ['610113', '110105'], unplacedOrganisations: 0 })).toBe(false);
    expect(mayReadWholeLog(province, { divisions: ['610113'], unplacedOrganisations: 1 })).toBe(false);
    expect(
      mayReadWholeLog(aPrincipal({ roles: ['OVERSIGHT'], divisionCode: '610100' }), {
        divisions: [],
        unplacedOrganisations: 0,
      }),
    ).toBe(false);
    expect(
      mayReadWholeLog(aPrincipal({ roles: ['OFFICER'], divisionCode: '610000' }), {
        divisions: [],
        unplacedOrganisations: 0,
      }),
    ).toBe(false);
  });
});
