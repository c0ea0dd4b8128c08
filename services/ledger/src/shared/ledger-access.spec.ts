import { aPrincipal } from '@custos/auth';
import { canonicalBytes } from '@custos/contracts';
import { envelope } from '../../test/support';
import { AggregateScope, LogScope } from '../database/access-index';
import { involvedParties } from '../domain/involved-parties';
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

  it("places an organisation from the registry's own OrganisationRegistered, by its public id, not its stream id (R5.1)", () => {
    const payload = { name: 'Yanta PSB', type: 'PUBLIC_SECURITY', level: 'COUNTY', divisionCode: '610113' };
    const stream = 'organisation:psb-yanta';
    const registered = entryOf('registry', stream, 'registry.OrganisationRegistered', payload, 'psb-xian');
    const parties = involvedParties(registered, stream, 'registry.OrganisationRegistered');
    expect(parties.placement).toEqual({ organisationId: 'psb-yanta', divisionCode: '610113' });
    expect([...parties.organisations].sort()).toEqual(['psb-xian', 'psb-yanta']);
    const forged = entryOf('custody', stream, 'registry.OrganisationRegistered', payload);
    expect(involvedParties(forged, stream, 'registry.OrganisationRegistered').placement).toBeUndefined();
    // Only an organisation's own stream places it: a registration on another kind of stream places nothing.
    const elsewhere = entryOf('registry', 'officer:psb-yanta', 'registry.OrganisationRegistered', payload);
    expect(involvedParties(elsewhere, 'officer:psb-yanta', 'registry.OrganisationRegistered').placement).toBeUndefined();
  });

  it("places image systems and cameras from the registry's facts, and finds the systems and cameras a segment names (R5.1)", () => {
    const system = 'image-system:sys-mall';
    const registered = entryOf('registry', system, 'registry.ImageSystemRegistered', {
      ownerOrganisationId: 'owner-mall',
      divisionCode: '610113',
    });
    expect(involvedParties(registered, system, 'registry.ImageSystemRegistered').systemPlacement).toEqual({
      systemId: 'sys-mall',
      divisionCode: '610113',
    });
    const camera = entryOf('registry', system, 'registry.CameraRegistered', { cameraId: 'cam-entrance', name: 'e' });
    expect(involvedParties(camera, system, 'registry.CameraRegistered').cameraPlacement).toEqual({
      cameraId: 'cam-entrance',
      systemId: 'sys-mall',
    });
    const segment = entryOf('storage', 'segment:s1', 'storage.SegmentIngested', {
      segmentId: 's1',
      organisationId: 'owner-mall',
      imageSystemId: 'sys-mall',
      cameraId: 'cam-entrance',
    });
    expect(involvedParties(segment, 'segment:s1', 'storage.SegmentIngested')).toMatchObject({
      organisations: ['owner-mall'],
      systems: ['sys-mall'],
      cameras: ['cam-entrance'],
    });
  });

  it('involves neither the actor nor the organisations a refusal names: being refused on an aggregate opens nothing (R5.1, R3.1)', () => {
    const refused = entryOf(
      'storage',
      'segment:s1',
      'storage.OriginalAlterationRefused',
      { segmentId: 's1', operation: 'DELETE', code: 'CUSTOS_R16_3_ORIGINAL_IMMUTABLE', rule: 'R16.3', exists: true },
      'psb-beilin',
    );
    expect(involvedParties(refused, 'segment:s1', 'storage.OriginalAlterationRefused')).toEqual({
      organisations: [],
      divisions: [],
      systems: [],
      cameras: [],
    });
    const handOver = entryOf(
      'custody',
      'hand-over-refusals:e1',
      'custody.HandOverRefused',
      { officers: [{ personId: 'p', subject: 's', organisationId: 'psb-beilin' }], code: 'CUSTOS_X', rule: 'R18.5' },
      'psb-beilin',
    );
    expect(involvedParties(handOver, 'hand-over-refusals:e1', 'custody.HandOverRefused').organisations).toEqual([]);
  });

  it('involves nobody in the shared streams (access denials, gap alarms), nor in an entry that is not JSON', () => {
    const denial = entryOf(
      'custody',
      'access-denials:custody',
      'custody.AccessDenied',
      { organisationId: 'owner-mall' },
      'owner-mall',
    );
    const none = { organisations: [], divisions: [], systems: [], cameras: [] };
    expect(involvedParties(denial, 'access-denials:custody', 'custody.AccessDenied')).toEqual(none);
    expect(involvedParties(Buffer.from('{not json'), 'x', 't')).toEqual(none);
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
  /** A log holding no organisation's events yet. */
  const EMPTY_LOG: LogScope = { divisions: [], unplacedOrganisations: 0 };

  it('is province-level oversight covering every division and organisation in the log', () => {
    expect(mayReadWholeLog(province, { divisions: ['610113', '610103'], unplacedOrganisations: 0 })).toBe(true);
    expect(mayReadWholeLog(province, { divisions: ['610113', '110105'], unplacedOrganisations: 0 })).toBe(false);
    expect(mayReadWholeLog(province, { divisions: ['610113'], unplacedOrganisations: 1 })).toBe(false);
    expect(mayReadWholeLog(aPrincipal({ roles: ['OVERSIGHT'], divisionCode: '610100' }), EMPTY_LOG)).toBe(false);
    expect(mayReadWholeLog(aPrincipal({ roles: ['OFFICER'], divisionCode: '610000' }), EMPTY_LOG)).toBe(false);
  });

  it('is national oversight (100000) in a deployment of several provinces, whatever the log holds (R5.1)', () => {
    const national = aPrincipal({ roles: ['OVERSIGHT'], divisionCode: '100000' });
    expect(mayReadWholeLog(national, { divisions: ['610113', '620102', '110105'], unplacedOrganisations: 2 })).toBe(true);
    expect(mayReadWholeLog(province, { divisions: ['610113', '620102'], unplacedOrganisations: 0 })).toBe(false);
    // A ministry's officer is not oversight.
    expect(mayReadWholeLog(aPrincipal({ roles: ['OFFICER'], divisionCode: '100000' }), EMPTY_LOG)).toBe(false);
  });

  it('lets national oversight read any placed aggregate of any province (R5.1)', () => {
    const national = aPrincipal({ roles: ['OVERSIGHT'], organisationId: 'oversight-national', divisionCode: '100000' });
    const gansu: AggregateScope = { known: true, shared: false, organisations: ['psb-lanzhou'], divisions: ['620102'] };
    expect(mayReadAggregate(national, gansu)).toBe(true);
  });
});
