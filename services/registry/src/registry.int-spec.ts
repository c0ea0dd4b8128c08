import 'reflect-metadata';
import { FORBIDDEN_CAMERA_LOCATIONS, CAMERA_LOCATION_INFO } from '@custos/domain';
import { envelopeVerifier, EnvelopeSigner, generateSigningKey, parseTrustedKeys, usePublishedEnvelopeKeys } from '@custos/eventstore';
import { PublishedEventKeys } from '@custos/platform';
import { RegistryRepository } from './database/registry.repository';
import { RegistryDemoSeeder } from './seed/registry-demo.seeder';
import { demoPrincipal, RegistryTestApp, startSeededRegistryTestApp } from './testing/registry-test-app';

const DAY = 24 * 60 * 60 * 1000;

describe('registry service over HTTP (real Postgres, real auth guards)', () => {
  let t: RegistryTestApp;

  beforeAll(async () => (t = await startSeededRegistryTestApp('registry')));
  afterAll(() => t?.close());

  describe('demo data', () => {
    it('seeds idempotently through the commands: a second run appends nothing', async () => {
      const before = await t.head();
      await t.app.get(RegistryDemoSeeder).seed();
      expect(await t.head()).toBe(before);
    });

    it('records the refused hotel-room camera and does not create it (R8.1)', async () => {
      const refused = await t.events('registry.ForbiddenCameraRegistrationRefused');
      expect(refused.map((e) => e.payload.cameraId)).toContain('cam-hotel-room-1208');
      const res = await t.get('/v1/cameras/cam-hotel-room-1208', 'admin.yanta');
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('CUSTOS_REGISTRY_CAMERA_NOT_FOUND');
    });
  });

  describe('cameras in forbidden places (R8.1)', () => {
    it.each(FORBIDDEN_CAMERA_LOCATIONS.map((c) => [c, CAMERA_LOCATION_INFO[c].forbiddenBy]))(
      'refuses a camera in %s (%s) with 403 CUSTOS_R8_1_FORBIDDEN_CAMERA_LOCATION, records the refusal, creates no camera (R8.1)',
      async (category) => {
        const cameraId = `cam-forbidden-${category.toLowerCase().replace(/_/g, '-')}`;
        const before = (await t.events('registry.ForbiddenCameraRegistrationRefused')).length;
        const res = await t.post('/v1/systems/sys-mall-saige/cameras', 'operator.mall', { id: cameraId, name: 'attempt', locationCategory: category, location: 'somewhere private' });
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ code: 'CUSTOS_R8_1_FORBIDDEN_CAMERA_LOCATION', rule: 'R8.1' });
        expect(res.text).not.toMatch(/\bat\b.*\.ts:\d+/);
        const refused = await t.events('registry.ForbiddenCameraRegistrationRefused');
        expect(refused).toHaveLength(before + 1);
        expect(refused[refused.length - 1]).toMatchObject({
          aggregateId: 'image-system:sys-mall-saige',
          payload: { cameraId, locationCategory: category, code: 'CUSTOS_R8_1_FORBIDDEN_CAMERA_LOCATION', rule: 'R8.1' },
        });
        const camera = await t.get(`/v1/cameras/${cameraId}`, 'operator.mall');
        expect(camera.status).toBe(404);
        const system = await t.get('/v1/systems/sys-mall-saige', 'operator.mall');
        expect(system.body.cameras.map((c: { id: string }) => c.id)).not.toContain(cameraId);
      },
    );

    it('registers a camera in an allowed place and serves it to another service with owner and division (R2.1)', async () => {
      const res = await t.post('/v1/systems/sys-mall-saige/cameras', 'operator.mall', { id: 'cam-mall-level3', name: 'Level 3 corridor', locationCategory: 'CORRIDOR', location: 'Level 3' });
      expect(res.status).toBe(201);
      const service = { ...demoPrincipal('officer.li'), roles: ['SERVICE' as const], organisationId: 'svc', divisionCode: '620000' };
      const camera = await t.get('/v1/cameras/cam-mall-level3', service);
      expect(camera.status).toBe(200);
      expect(camera.body).toMatchObject({
        id: 'cam-mall-level3',
        imageSystemId: 'sys-mall-saige',
        ownerOrganisationId: 'org-owner-mall',
        divisionCode: '610113',
        locationCategory: 'CORRIDOR',
        removed: false,
      });
    });
  });

  describe('changes and removals reported within 30 days, counted as Chinese law counts periods (R15.1)', () => {
    /** An instant at Beijing local time `HH:MM` of `day`. */
    const beijing = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`);
    const report = async (changedAt: Date, extra: Record<string, unknown> = {}, system = 'sys-metro-xiaozhai', who = 'operator.metro') =>
      t.post(`/v1/systems/${system}/changes`, who, { kind: 'CHANGED', description: 'camera re-aimed', changedAt: changedAt.toISOString(), ...extra });
    const at = async <T>(now: Date, act: () => Promise<T>): Promise<T> => {
      const before = t.now;
      t.now = now;
      try {
        return await act();
      } finally {
        t.now = before;
      }
    };

    it('addresses the report to the county PSB where the system stands, with the last day after a Sunday moved to Monday (R15.1)', async () => {
      // The registry clock is Sunday 1 March 2026, 16:00 Beijing; 30 × 24 h after the change would already be past.
      const res = await report(beijing('2026-01-30'));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        addressedToOrganisationId: 'org-psb-yanta',
        duty: 'ARTICLE_7',
        planned: false,
        lastDay: '2026-03-02',
        deadline: '2026-03-02T16:00:00.000Z',
        late: false,
        reportedAt: t.now.toISOString(),
      });
      expect(res.body.finding).toBeUndefined();
    });

    it('gives the owner until the working day after the Spring Festival holiday (R15.1)', async () => {
      const res = await at(beijing('2026-02-24', '23:00'), () => report(beijing('2026-01-18')));
      expect(res.body).toMatchObject({ lastDay: '2026-02-24', late: false });
    });

    it('accepts a report after 24:00 Beijing of the last day, flagged late with a finding event (R15.1, R24.1)', async () => {
      const findings = (await t.events('registry.LateFacilityChangeReportFound')).length;
      const res = await report(beijing('2026-01-28'), { cameraId: 'cam-metro-xiaozhai-exit-d' });
      expect(res.status).toBe(201);
      const overdueMs = t.now.getTime() - Date.parse('2026-02-27T16:00:00Z');
      expect(res.body).toMatchObject({ late: true, lastDay: '2026-02-27', finding: { code: 'CUSTOS_R15_1_LATE_REPORT', rule: 'R15.1', overdueMs } });
      const found = await t.events('registry.LateFacilityChangeReportFound');
      expect(found).toHaveLength(findings + 1);
      expect(found[found.length - 1].payload).toMatchObject({ changeId: res.body.changeId, overdueMs });
      const system = await t.get('/v1/systems/sys-metro-xiaozhai', 'admin.yanta');
      expect(system.body.changes.find((c: { changeId: string }) => c.changeId === res.body.changeId)).toMatchObject({
        late: true,
        cameraId: 'cam-metro-xiaozhai-exit-d',
        addressedToOrganisationId: 'org-psb-yanta',
      });
    });

    it('says when the shipped holiday calendar does not cover the deadline, so it is checked by hand (R15.1)', async () => {
      const res = await at(beijing('2028-03-01'), () => report(beijing('2028-02-20')));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ lastDay: '2028-03-21', calendarCovers: false });
      const covered = await report(beijing('2026-02-20'));
      expect(covered.body.calendarCovers).toBeUndefined();
    });

    it('accepts a report before a planned change, on time (R15.1)', async () => {
      const res = await report(new Date(t.now.getTime() + 10 * DAY));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ planned: true, late: false });
    });

    it('never finds a voluntary system (not installed under Article 7) late (R15.1)', async () => {
      const created = await t.post('/v1/systems', 'operator.mall', { id: 'sys-mall-voluntary', ownerOrganisationId: 'org-owner-mall', name: 'Back office', siteCategories: ['VOLUNTARY'], divisionCode: '610113', location: 'Back office', inPublicPlace: false, signageShown: false });
      expect(created.status).toBe(201);
      const res = await report(new Date(t.now.getTime() - 300 * DAY), {}, 'sys-mall-voluntary', 'operator.mall');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ duty: 'NONE', late: false, addressedToOrganisationId: 'org-psb-yanta' });
      expect(res.body.lastDay).toBeUndefined();
    });

    it('is acknowledged by the addressed county PSB once, and by no other organ (R15.1)', async () => {
      const { body } = await report(beijing('2026-02-20'));
      const acknowledge = async (who: string) =>
        t.post(`/v1/systems/sys-metro-xiaozhai/changes/${body.changeId}/acknowledgement`, who);
      const before = await t.head();
      const province = await acknowledge('admin.shaanxi');
      expect(province.status).toBe(403);
      expect(province.body).toMatchObject({ code: 'CUSTOS_R15_1_NOT_THE_ADDRESSEE', rule: 'R15.1' });
      expect(await t.head()).toBe(before);
      const yanta = await acknowledge('admin.yanta');
      expect(yanta.status).toBe(200);
      expect(yanta.body).toEqual({ changeId: body.changeId, acknowledgedAt: t.now.toISOString() });
      const again = await acknowledge('admin.yanta');
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('CUSTOS_R15_1_ALREADY_ACKNOWLEDGED');
      const system = await t.get('/v1/systems/sys-metro-xiaozhai', 'operator.metro');
      expect(system.body.acknowledgements).toContainEqual(
        expect.objectContaining({ changeId: body.changeId, organisationId: 'org-psb-yanta', personId: 'person-admin-yanta' }),
      );
    });

    it("moves a camera only through a reported change, refusing a forbidden new place and recording the refusal (R15.1, R8.1)", async () => {
      const refusals = (await t.events('registry.ForbiddenCameraChangeRefused')).length;
      const forbidden = await report(beijing('2026-02-25'), { cameraId: 'cam-metro-xiaozhai-platform-2', newLocationCategory: 'CHANGING_ROOM', newLocation: 'staff changing room' });
      expect(forbidden.status).toBe(403);
      expect(forbidden.body).toMatchObject({ code: 'CUSTOS_R8_1_FORBIDDEN_CAMERA_LOCATION', rule: 'R8.1' });
      const refused = await t.events('registry.ForbiddenCameraChangeRefused');
      expect(refused).toHaveLength(refusals + 1);
      expect(refused[refused.length - 1].payload).toMatchObject({ cameraId: 'cam-metro-xiaozhai-platform-2', locationCategory: 'CHANGING_ROOM' });
      const service = { ...demoPrincipal('officer.li'), roles: ['SERVICE' as const] };
      const unchanged = await t.get('/v1/cameras/cam-metro-xiaozhai-platform-2', service);
      expect(unchanged.body.locationCategory).toBe('PLATFORM');

      const moved = await report(beijing('2026-02-25'), { cameraId: 'cam-metro-xiaozhai-platform-2', newLocationCategory: 'CORRIDOR', newLocation: 'transfer corridor', newFunction: 'fixed, recording' });
      expect(moved.status).toBe(201);
      const camera = await t.get('/v1/cameras/cam-metro-xiaozhai-platform-2', service);
      expect(camera.body).toMatchObject({ locationCategory: 'CORRIDOR', location: 'transfer corridor', function: 'fixed, recording' });
      const listed = await t.get('/v1/cameras?imageSystemId=sys-metro-xiaozhai&locationCategory=CORRIDOR', 'operator.metro');
      expect(listed.body.items.map((c: { id: string }) => c.id)).toContain('cam-metro-xiaozhai-platform-2');
    });

    it('marks a removed camera removed in the lists (R15.1)', async () => {
      const res = await t.post('/v1/systems/sys-bank-xiaozhai/changes', 'operator.bank', { kind: 'REMOVED', cameraId: 'cam-bank-hall', description: 'hall refitted', changedAt: new Date(t.now.getTime() - DAY).toISOString() });
      expect(res.status).toBe(201);
      const list = await t.get('/v1/cameras?imageSystemId=sys-bank-xiaozhai&removed=true', 'operator.bank');
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual(['cam-bank-hall']);
    });
  });

  describe('retention per image system (R16.7)', () => {
    const system = (id: string, retentionDays?: number) => ({
      id, ownerOrganisationId: 'org-owner-mall', name: 'Car park', siteCategories: ['HOTELS_MALLS_VENUES_RESIDENTIAL'],
      divisionCode: '610113', location: 'Car park', inPublicPlace: true, signageShown: true,
      ...(retentionDays === undefined ? {} : { retentionDays }),
    });

    it('refuses a retention below 30 days with 400 CUSTOS_R16_7_RETENTION_TOO_SHORT, registers nothing and records the refusal for oversight (R16.7)', async () => {
      const before = await t.eventCount();
      const res = await t.post('/v1/systems', 'operator.mall', system('sys-mall-short', 29));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'CUSTOS_R16_7_RETENTION_TOO_SHORT', rule: 'R16.7' });
      expect(await t.eventCount()).toBe(before);
      expect((await t.get('/v1/systems/sys-mall-short', 'operator.mall')).status).toBe(404);
      const refusals = await t.events('registry.RetentionRefused');
      expect(refusals).toEqual([
        {
          aggregateId: 'retention-refusals:sys-mall-short',
          payload: expect.objectContaining({ step: 'REGISTER_SYSTEM', code: 'CUSTOS_R16_7_RETENTION_TOO_SHORT', imageSystemId: 'sys-mall-short', ownerOrganisationId: 'org-owner-mall', divisionCode: '610113', retentionDays: 29 }),
        },
      ]);
    });

    it('keeps 30 days when none is given, and longer where the owner says so, served with each camera (R16.7)', async () => {
      const plain = await t.post('/v1/systems', 'operator.mall', system('sys-mall-park'));
      expect(plain.status).toBe(201);
      const park = await t.get('/v1/systems/sys-mall-park', 'operator.mall');
      expect(park.body.retentionDays).toBe(30);
      const bank = await t.get('/v1/systems/sys-bank-xiaozhai', 'operator.bank');
      expect(bank.body).toMatchObject({ retentionDays: 90, retentionBasis: expect.stringContaining('three months') });
      const service = { ...demoPrincipal('officer.li'), roles: ['SERVICE' as const] };
      const camera = await t.get(`/v1/cameras/${bank.body.cameras[0].id}`, service);
      expect(camera.body.retentionDays).toBe(90);
    });
  });

  describe('retention set later (R16.7)', () => {
    it('lets the owner lengthen its retention, refuses one below 30 days recording the refusal only, and serves it with the cameras (R16.7)', async () => {
      const set = async (retentionDays: number) =>
        t.http().put('/v1/systems/sys-mall-saige/retention').set(await t.auth('operator.mall')).send({ retentionDays, retentionBasis: 'owner policy' });
      const before = await t.eventCount();
      const short = await set(20);
      expect(short.status).toBe(400);
      expect(short.body.code).toBe('CUSTOS_R16_7_RETENTION_TOO_SHORT');
      // The system keeps its retention; the attempt itself is recorded for oversight.
      expect(await t.eventCount()).toBe(before);
      const refused = await t.events('registry.RetentionRefused');
      expect(refused[refused.length - 1]).toMatchObject({ aggregateId: 'retention-refusals:sys-mall-saige', payload: { step: 'SET_RETENTION', retentionDays: 20, ownerOrganisationId: 'org-owner-mall' } });
      expect((await set(60)).status).toBe(200);
      const service = { ...demoPrincipal('officer.li'), roles: ['SERVICE' as const] };
      const camera = await t.get('/v1/cameras/cam-mall-level3', service);
      expect(camera.body.retentionDays).toBe(60);
      const other = await t.http().put('/v1/systems/sys-mall-saige/retention').set(await t.auth('operator.bank')).send({ retentionDays: 90 });
      expect(other.status).toBe(403);
    });

    it('records the rule pack of the system\'s place with its retention: in Shaanxi today CN2025+SX2012 (SX2012-R16.7, CN2025-RETAIN)', async () => {
      const set = await t.http().put('/v1/systems/sys-mall-saige/retention').set(await t.auth('operator.mall')).send({ retentionDays: 45 });
      expect(set.status).toBe(200);
      const retentions = await t.events('registry.RetentionSet');
      expect(retentions[retentions.length - 1].payload).toMatchObject({ retentionDays: 45, rulePack: { id: 'CN2025+SX2012', version: '1.0.0+1.0.0' } });
    });
  });

  describe('qualification at an instant (R18.2)', () => {
    const at = async (officerId: string, instant: string) =>
      (await t.http().get(`/v1/officers/${officerId}/qualification`).query({ at: instant }).set(await t.auth('admin.yanta'))).body;

    it('answers for past instants: valid before a suspension, suspended from it (R18.2)', async () => {
      expect(await at('off-yanta-sun', '2025-05-31T23:59:59Z')).toMatchObject({ valid: true, standing: 'VALID', credentialNumber: '61011300104' });
      expect(await at('off-yanta-sun', '2025-06-01T00:00:00Z')).toMatchObject({ valid: false, standing: 'SUSPENDED' });
    });

    it('answers valid before expiry and expired from the expiry instant on (R18.2)', async () => {
      expect(await at('off-yanta-zhao', '2023-12-31T23:59:59.999Z')).toMatchObject({ valid: true });
      expect(await at('off-yanta-zhao', '2024-01-01T00:00:00Z')).toMatchObject({ valid: false, standing: 'EXPIRED' });
      expect(await at('off-yanta-zhao', '2018-06-01T00:00:00Z')).toMatchObject({ valid: false, standing: 'NOT_YET_ISSUED' });
    });

    it('keeps a past instant valid after a later revocation, and refuses to reinstate a revoked credential (R18.2)', async () => {
      const admin = await t.auth('admin.yanta');
      const revoke = await t.post('/v1/officers/off-yanta-zhang/qualifications/61011300102/status', admin, { status: 'REVOKED', since: '2026-02-01T00:00:00Z', reason: 'left the service' });
      expect(revoke.status).toBe(200);
      expect(await at('off-yanta-zhang', '2026-01-31T12:00:00Z')).toMatchObject({ valid: true });
      expect(await at('off-yanta-zhang', '2026-02-01T00:00:00Z')).toMatchObject({ valid: false, standing: 'REVOKED' });
      const reinstate = await t.post('/v1/officers/off-yanta-zhang/qualifications/61011300102/status', admin, { status: 'ACTIVE', since: '2026-02-10T00:00:00Z' });
      expect(reinstate.status).toBe(409);
      expect(reinstate.body).toMatchObject({ code: 'CUSTOS_REGISTRY_CREDENTIAL_REVOKED' });
    });

    it('refuses a credential number already issued to another officer (R18.1, R18.2)', async () => {
      const res = await t.post('/v1/officers/off-yanta-li/qualifications', 'admin.yanta', { credentialNumber: '61011300104', issuedAt: '2026-01-01T00:00:00Z', expiresAt: '2030-01-01T00:00:00Z' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('CUSTOS_REGISTRY_CREDENTIAL_ALREADY_ISSUED');
    });

    it('answers an officer with no credential as NO_STATUS, not valid (R18.2)', async () => {
      const created = await t.post('/v1/officers', 'admin.yanta', { id: 'off-yanta-new', personId: 'person-new', organisationId: 'org-psb-yanta', name: 'New Recruit' });
      expect(created.status).toBe(201);
      expect(await at('off-yanta-new', '2026-01-01T00:00:00Z')).toMatchObject({ valid: false, standing: 'NO_STATUS', credentialNumber: null });
    });
  });

  describe('jurisdiction across province, city and county (R5.1)', () => {
    const station = (id: string, divisionCode: string, parentId: string) => ({
      id,
      name: `station ${id}`,
      type: 'PUBLIC_SECURITY',
      level: 'BELOW_COUNTY',
      divisionCode,
      parentId,
    });

    it('lets the provincial registry admin register a police station in Yanta (R5.1)', async () => {
      const res = await t.post('/v1/organisations', 'admin.shaanxi', station('org-ps-dayanta', '610113002', 'org-psb-yanta'));
      expect(res.status).toBe(201);
      const got = await t.get('/v1/organisations/org-ps-dayanta', 'admin.yanta');
      expect(got.body).toEqual({
        id: 'org-ps-dayanta',
        name: 'station org-ps-dayanta',
        type: 'PUBLIC_SECURITY',
        level: 'BELOW_COUNTY',
        divisionCode: '610113002',
        parentId: 'org-psb-yanta',
      });
    });

    it('lets a city admin manage in Yanta but refuses it in another city (R5.1)', async () => {
      const xianAdmin = { ...demoPrincipal('admin.yanta'), organisationId: 'org-psb-xian', divisionCode: '610100' };
      const ok = await t.post('/v1/organisations', xianAdmin, station('org-ps-qujiang', '610113003', 'org-psb-yanta'));
      expect(ok.status).toBe(201);
      const baoji = await t.post('/v1/organisations', xianAdmin, { ...station('org-psb-baoji', '610300', 'org-psb-shaanxi'), level: 'CITY' });
      expect(baoji.status).toBe(403);
      expect(baoji.body.code).toBe('CUSTOS_AUTH_OUTSIDE_JURISDICTION');
    });

    it('refuses the Yanta admin in Beilin with 403 CUSTOS_AUTH_OUTSIDE_JURISDICTION, records the denial, creates nothing (R5.1)', async () => {
      const denials = (await t.events('registry.AccessDenied')).length;
      const res = await t.post('/v1/organisations', 'admin.yanta', station('org-ps-beilin', '610103001', 'org-psb-xian'));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('CUSTOS_AUTH_OUTSIDE_JURISDICTION');
      const recorded = await t.events('registry.AccessDenied');
      expect(recorded).toHaveLength(denials + 1);
      expect(recorded[recorded.length - 1].payload).toMatchObject({
        code: 'CUSTOS_AUTH_OUTSIDE_JURISDICTION',
        status: 403,
        rule: 'R5.1',
        method: 'POST',
        path: '/v1/organisations',
        subject: 'dev:admin.yanta',
      });
      const got = await t.get('/v1/organisations/org-ps-beilin', 'admin.shaanxi');
      expect(got.status).toBe(404);
    });

    it('refuses the Yanta admin an officer of the city bureau above it (R5.1)', async () => {
      const res = await t.post('/v1/officers', 'admin.yanta', { id: 'off-xian-x', personId: 'person-x', organisationId: 'org-psb-xian', name: 'X' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('CUSTOS_AUTH_OUTSIDE_JURISDICTION');
      expect((await t.get('/v1/officers/off-xian-x', 'admin.shaanxi')).status).toBe(404);
    });

    it('refuses a level above the division and a division outside the parent (R5.1)', async () => {
      const above = await t.post('/v1/organisations', 'admin.shaanxi', { ...station('org-bad-level', '610113', 'org-psb-xian'), level: 'CITY' });
      expect(above.status).toBe(400);
      expect(above.body).toMatchObject({ code: 'CUSTOS_R5_1_LEVEL_ABOVE_DIVISION', rule: 'R5.1' });
      const outside = await t.post('/v1/organisations', 'admin.shaanxi', station('org-bad-parent', '610103001', 'org-psb-yanta'));
      expect(outside.status).toBe(400);
      expect(outside.body.code).toBe('CUSTOS_REGISTRY_PARENT_DIVISION_MISMATCH');
    });

    it('lists only what lies within the caller\'s jurisdiction, with paging and filters (R5.1)', async () => {
      const yanta = await t.http().get('/v1/organisations').query({ limit: 100 }).set(await t.auth('admin.yanta'));
      const divisions: string[] = yanta.body.items.map((o: { divisionCode: string }) => o.divisionCode);
      expect(divisions.every((d) => d.startsWith('610113'))).toBe(true);
      expect(yanta.body.items.map((o: { id: string }) => o.id)).not.toContain('org-psb-xian');
      // Cursor paging (issue 15): the pages follow one another in the log's order, none repeated, none skipped.
      const list = (cursor?: string) => t.http().get('/v1/organisations').query({ type: 'PUBLIC_SECURITY', limit: 2, ...(cursor ? { cursor } : {}) });
      const all = await list().query({ limit: 200 }).set(await t.auth('admin.shaanxi'));
      expect(all.body.nextCursor).toBeNull();
      expect(all.body.items.length).toBeGreaterThanOrEqual(5);
      const first = await list().set(await t.auth('admin.shaanxi'));
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await list(first.body.nextCursor).set(await t.auth('admin.shaanxi'));
      const ids = (body: { items: { id: string }[] }) => body.items.map((o) => o.id);
      expect([...ids(first.body), ...ids(second.body)]).toEqual(ids(all.body).slice(0, 4));
      const forged = await list('bm90LWEtY3Vyc29y').set(await t.auth('admin.shaanxi'));
      expect([forged.status, forged.body.code]).toEqual([400, 'CUSTOS_INPUT_CURSOR_INVALID']);
      const oversight = await t.http().get('/v1/systems').query({ siteCategory: 'FINANCIAL_VAULTS_AND_PREMISES' }).set(await t.auth('oversight.shaanxi'));
      expect(oversight.body.items.map((s: { id: string }) => s.id)).toEqual(['sys-bank-xiaozhai']);
      const operator = await t.get('/v1/systems', 'operator.metro');
      expect(operator.body.items.map((s: { id: string }) => s.id)).toEqual(['sys-metro-xiaozhai']);
    });
  });

  describe('head terms (R17.2–R17.4)', () => {
    const heads = async (organisationId: string, at: string) =>
      (await t.http().get(`/v1/organisations/${organisationId}/heads`).query({ at }).set(await t.auth('admin.yanta'))).body.heads.map(
        (h: { personId: string }) => h.personId,
      );

    it('answers who was head at an instant, the hand-over instant belonging to the new head (R17.3)', async () => {
      expect(await heads('org-psb-yanta', '2023-12-31T23:59:59Z')).toEqual(['person-head-yanta-former']);
      expect(await heads('org-psb-yanta', '2024-01-01T00:00:00Z')).toEqual(['person-head-yanta']);
      expect(await heads('org-psb-yanta', '2019-01-01T00:00:00Z')).toEqual([]);
    });

    it('ends a term so that authority ends with it, and refuses ending it twice (R17.2)', async () => {
      const admin = await t.auth('admin.shaanxi');
      expect((await t.post('/v1/organisations/org-amr-yanta/heads/person-head-amr-yanta/end', admin, { to: '2026-02-01T00:00:00Z' })).status).toBe(200);
      expect(await heads('org-amr-yanta', '2026-01-31T23:59:59Z')).toEqual(['person-head-amr-yanta']);
      expect(await heads('org-amr-yanta', '2026-02-01T00:00:00Z')).toEqual([]);
      const again = await t.post('/v1/organisations/org-amr-yanta/heads/person-head-amr-yanta/end', admin, { to: '2026-03-01T00:00:00Z' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('CUSTOS_REGISTRY_HEAD_TERM_NOT_OPEN');
      const unnamed = await t.post('/v1/organisations/org-amr-yanta/heads', admin, { personId: 'person-head-amr-new', from: '2026-02-01T00:00:00Z', name: '' });
      expect([unnamed.status, unnamed.body.code]).toEqual([400, 'CUSTOS_VALIDATION_FAILED']);
      const appoint = await t.post('/v1/organisations/org-amr-yanta/heads', admin, { personId: 'person-head-amr-new', from: '2026-02-01T00:00:00Z', name: 'Han Mei', backdatingReason: 'appointed on 1 February, recorded late' });
      expect(appoint.status).toBe(201);
      expect(await heads('org-amr-yanta', '2026-02-01T00:00:00Z')).toEqual(['person-head-amr-new']);
      // Named as appointed, for the documents the new head signs.
      const names = await t.http().get('/v1/directory/names').query('id=person-head-amr-new').set(admin);
      expect(names.body.items).toEqual([{ id: 'person-head-amr-new', kind: 'HEAD', name: 'Han Mei', organisationId: 'org-amr-yanta' }]);
    });

    it('refuses a head term backdated without a reason, changing nothing, and records the reason of one backdated with it (R17.2, issue 16)', async () => {
      const admin = await t.auth('admin.shaanxi');
      const before = await t.events('registry.HeadAppointed');
      // The registry's clock reads 2026-03-01T08:00Z: a term from a week ago rewrites who could approve since.
      const backdated = await t.post('/v1/organisations/org-amr-yanta/heads', admin, { personId: 'person-head-amr-late', from: '2026-02-22T08:00:00Z' });
      expect([backdated.status, backdated.body.code, backdated.body.rule]).toEqual([400, 'CUSTOS_R17_2_HEAD_TERM_BACKDATED_WITHOUT_REASON', 'R17.2']);
      expect(await t.events('registry.HeadAppointed')).toHaveLength(before.length);
      expect(await heads('org-amr-yanta', '2026-02-23T00:00:00Z')).not.toContain('person-head-amr-late');
      // Within the clock-skew tolerance a start counts as now and needs no reason.
      const skewed = await t.post('/v1/organisations/org-amr-yanta/heads', admin, { personId: 'person-head-amr-now', from: '2026-03-01T07:58:00Z' });
      expect(skewed.status).toBe(201);
      const reasoned = await t.post('/v1/organisations/org-amr-yanta/heads', admin, { personId: 'person-head-amr-late', from: '2026-02-22T08:00:00Z', backdatingReason: 'decree No. 12 of 22 February, received today' });
      expect(reasoned.status).toBe(201);
      const recorded = (await t.events('registry.HeadAppointed')).map((e) => e.payload);
      expect(recorded).toContainEqual({ personId: 'person-head-amr-late', from: '2026-02-22T08:00:00.000Z', backdatingReason: 'decree No. 12 of 22 February, received today' });
      expect(recorded.find((p) => p.personId === 'person-head-amr-now')).not.toHaveProperty('backdatingReason');
    });

    it('refuses a credential backdated without a reason, changing nothing, and records the reason of one backdated with it (R18.2, issue 16)', async () => {
      const admin = await t.auth('admin.yanta');
      const before = await t.events('registry.QualificationIssued');
      const send = (body: Record<string, string>) =>
        t.post('/v1/officers/off-yanta-zhao/qualifications', admin, { credentialNumber: '61011300177', expiresAt: '2031-01-01T00:00:00Z', ...body });
      const backdated = await send({ issuedAt: '2026-01-01T00:00:00Z' });
      expect([backdated.status, backdated.body.code, backdated.body.rule]).toEqual([400, 'CUSTOS_R18_2_QUALIFICATION_BACKDATED_WITHOUT_REASON', 'R18.2']);
      expect(await t.events('registry.QualificationIssued')).toHaveLength(before.length);
      const blank = await send({ issuedAt: '2026-01-01T00:00:00Z', backdatingReason: '' });
      expect([blank.status, blank.body.code]).toEqual([400, 'CUSTOS_VALIDATION_FAILED']);
      const reasoned = await send({ issuedAt: '2026-01-01T00:00:00Z', backdatingReason: 'certificate of 1 January, registered late' });
      expect(reasoned.status).toBe(201);
      expect((await t.events('registry.QualificationIssued')).map((e) => e.payload)).toContainEqual({
        credentialNumber: '61011300177',
        issuedAt: '2026-01-01T00:00:00.000Z',
        expiresAt: '2031-01-01T00:00:00.000Z',
        backdatingReason: 'certificate of 1 January, registered late',
      });
    });

    it('refuses an overlapping term and an end before the start (R17.2)', async () => {
      const admin = await t.auth('admin.shaanxi');
      const overlap = await t.post('/v1/organisations/org-psb-xian/heads', admin, { personId: 'person-head-xian', from: '2025-01-01T00:00:00Z' });
      expect(overlap.status).toBe(409);
      expect(overlap.body.code).toBe('CUSTOS_REGISTRY_HEAD_TERM_OVERLAPS');
      const early = await t.post('/v1/organisations/org-psb-xian/heads/person-head-xian/end', admin, { to: '2022-01-01T00:00:00Z' });
      expect(early.status).toBe(400);
      expect(early.body.code).toBe('CUSTOS_REGISTRY_HEAD_TERM_END_NOT_AFTER_START');
    });
  });

  describe("the services' event-signing keys, published by the registry (issue 16)", () => {
    const publicKeyOf = (signer: EnvelopeSigner) => parseTrustedKeys(signer.trustedKeyEntry)[0];
    const first = EnvelopeSigner.fromSetting('custody', generateSigningKey());
    const second = EnvelopeSigner.fromSetting('custody', generateSigningKey());
    const keys = async () => (await t.get('/v1/event-keys', 'officer.li')).body.keys as Record<string, unknown>[];

    it('publishes a key the operator registers, its id derived from the key, to any signed-in reader, and records it as an event', async () => {
      const ops = await t.auth('ops.shaanxi');
      const registered = await t.post('/v1/event-keys', ops, { service: 'custody', publicKey: publicKeyOf(first).publicKey });
      expect(registered.status).toBe(201);
      expect(registered.body).toEqual({ service: 'custody', kid: first.kid, publicKey: publicKeyOf(first).publicKey, validFrom: '2026-03-01T08:00:00.000Z' });
      expect(await keys()).toContainEqual(registered.body);
      expect((await t.events('registry.EventKeyRegistered')).map((e) => [e.aggregateId, e.payload.kid])).toContainEqual(['event-keys:custody', first.kid]);
      expect((await t.http().get('/v1/event-keys')).status).toBe(401);
    });

    it('rotates with overlap: a second key beside the first, both valid until one is revoked; revocation is final and recorded', async () => {
      const ops = await t.auth('ops.shaanxi');
      expect((await t.post('/v1/event-keys', ops, { service: 'custody', publicKey: publicKeyOf(second).publicKey })).status).toBe(201);
      const custody = (await keys()).filter((k) => k.service === 'custody');
      expect(custody.map((k) => [k.kid, k.revokedAt])).toEqual([
        [first.kid, undefined],
        [second.kid, undefined],
      ]);
      const revoked = await t.post(`/v1/event-keys/custody/${first.kid}/revocation`, ops, { reason: 'rotated on 1 March' });
      expect(revoked.status).toBe(200);
      expect((await keys()).find((k) => k.kid === first.kid)).toMatchObject({ revokedAt: '2026-03-01T08:00:00.000Z', revocationReason: 'rotated on 1 March' });
      const again = await t.post(`/v1/event-keys/custody/${first.kid}/revocation`, ops, { reason: 'again' });
      expect([again.status, again.body.code]).toEqual([409, 'CUSTOS_REGISTRY_EVENT_KEY_REVOKED']);
      const back = await t.post('/v1/event-keys', ops, { service: 'custody', publicKey: publicKeyOf(first).publicKey });
      expect([back.status, back.body.code]).toEqual([409, 'CUSTOS_REGISTRY_EVENT_KEY_ALREADY_REGISTERED']);
      expect((await t.events('registry.EventKeyRevoked')).map((e) => e.payload)).toEqual([
        { service: 'custody', kid: first.kid, revokedAt: '2026-03-01T08:00:00.000Z', reason: 'rotated on 1 March' },
      ]);
    });

    it("is fetched by a service with a token and pinned: the current key's events verify, the revoked key's and a stranger's are refused", async () => {
      const token = (await t.auth('officer.li')).authorization.replace(/^Bearer /, '');
      // The registry's HTTP server through supertest (it listens on an ephemeral port per request).
      const viaServer = async (url: string | URL | Request, init?: RequestInit) => {
        const res = await t.http().get(new URL(String(url)).pathname).set(init?.headers as Record<string, string>);
        return new Response(JSON.stringify(res.body), { status: res.status, headers: { 'content-type': 'application/json' } });
      };
      const published = new PublishedEventKeys({ baseUrl: 'http://registry.test', serviceToken: async () => token, fetch: viaServer as typeof fetch });
      try {
        expect((await published.refresh()).map((k) => k.kid)).toEqual(expect.arrayContaining([first.kid, second.kid]));
        const envelope = (signer: EnvelopeSigner) => JSON.parse(signer.sign({ id: 'e-1', service: 'custody', type: 'custody.Viewed', payload: {} }).toString('utf8'));
        expect(envelopeVerifier().check(envelope(second))).toEqual({ ok: true, signed: true });
        expect(envelopeVerifier().check(envelope(first))).toMatchObject({ ok: false, code: 'CUSTOS_ES_EVENT_KEY_UNKNOWN' });
        const stranger = EnvelopeSigner.fromSetting('custody', generateSigningKey());
        expect(envelopeVerifier().check(envelope(stranger))).toMatchObject({ ok: false, code: 'CUSTOS_ES_EVENT_KEY_UNKNOWN' });
      } finally {
        usePublishedEnvelopeKeys([]);
      }
    });

    it('refuses a key from anyone but the operator, for no service, or not an Ed25519 key, with a code, changing nothing', async () => {
      const before = (await t.events('registry.EventKeyRegistered')).length;
      const byAdmin = await t.post('/v1/event-keys', 'admin.shaanxi', { service: 'custody', publicKey: 'A'.repeat(43) });
      expect([byAdmin.status, byAdmin.body.code]).toEqual([403, 'CUSTOS_AUTH_ROLE_REQUIRED']);
      const ops = await t.auth('ops.shaanxi');
      const noService = await t.post('/v1/event-keys', ops, { service: 'mallory', publicKey: publicKeyOf(second).publicKey });
      expect([noService.status, noService.body.code]).toEqual([400, 'CUSTOS_VALIDATION_FAILED']);
      const short = await t.post('/v1/event-keys', ops, { service: 'custody', publicKey: 'AAAA' });
      expect([short.status, short.body.code]).toEqual([400, 'CUSTOS_VALIDATION_FAILED']);
      const unknown = await t.post('/v1/event-keys/custody/custody-0000/revocation', ops, { reason: 'x' });
      expect([unknown.status, unknown.body.code]).toEqual([404, 'CUSTOS_REGISTRY_EVENT_KEY_NOT_FOUND']);
      expect(await t.events('registry.EventKeyRegistered')).toHaveLength(before);
    });
  });

  describe('roles and organisations (R3.1)', () => {
    it('answers 401 CUSTOS_AUTH_TOKEN_MISSING without a token (R3.1)', async () => {
      const res = await t.http().get('/v1/organisations');
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('CUSTOS_AUTH_TOKEN_MISSING');
    });

    it('refuses an officer registering an organisation with 403 CUSTOS_AUTH_ROLE_REQUIRED (R3.1)', async () => {
      const res = await t.post('/v1/organisations', 'officer.li', { name: 'x', type: 'OWNER', level: 'COUNTY', divisionCode: '610113' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('CUSTOS_AUTH_ROLE_REQUIRED');
    });

    it("refuses an owner operator another owner's system with 403 CUSTOS_AUTH_WRONG_ORGANISATION (R3.1)", async () => {
      const before = await t.get('/v1/systems/sys-mall-saige', 'operator.mall');
      const res = await t.post('/v1/systems/sys-mall-saige/cameras', 'operator.bank', { id: 'cam-intruder', name: 'x', locationCategory: 'LOBBY', location: 'x' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('CUSTOS_AUTH_WRONG_ORGANISATION');
      const after = await t.get('/v1/systems/sys-mall-saige', 'operator.mall');
      expect(after.body.cameras).toEqual(before.body.cameras);
    });

    it('refuses an owner operator registering a system for another owner (R3.1)', async () => {
      const res = await t.post('/v1/systems', 'operator.bank', { ownerOrganisationId: 'org-owner-mall', name: 'x', siteCategories: ['VOLUNTARY'], divisionCode: '610113', location: 'x', inPublicPlace: false, signageShown: false });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('CUSTOS_AUTH_WRONG_ORGANISATION');
    });

    it('refuses a read outside the jurisdiction (R5.1) and serves it to a SERVICE principal', async () => {
      const gansu = { ...demoPrincipal('oversight.shaanxi'), organisationId: 'org-gansu', divisionCode: '620000' };
      const refused = await t.get('/v1/officers/off-yanta-li', gansu);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('CUSTOS_AUTH_OUTSIDE_JURISDICTION');
      const served = await t.get('/v1/officers/off-yanta-li', { ...gansu, roles: ['SERVICE'] });
      expect(served.status).toBe(200);
      expect(served.body).toMatchObject({ personId: 'person-officer-li', organisationId: 'org-psb-yanta' });
    });
  });

  describe('signage (R11.1)', () => {
    it('registers a public-place system without a sign and records the finding (R11.1)', async () => {
      const res = await t.post('/v1/systems', 'admin.yanta', { id: 'sys-square-nosign', ownerOrganisationId: 'org-owner-mall', name: 'Square', siteCategories: ['PUBLIC_GATHERING_PLACES'], divisionCode: '610113', location: 'square', inPublicPlace: true, signageShown: false });
      expect(res.status).toBe(201);
      const findings = await t.events('registry.SignageMissingFound');
      expect(findings.map((f) => f.aggregateId)).toContain('image-system:sys-square-nosign');
    });
  });

  describe('bad input', () => {
    const organisation = { name: 'Org', type: 'OWNER', level: 'COUNTY', divisionCode: '610113' };
    const system = { ownerOrganisationId: 'org-owner-mall', name: 'S', siteCategories: ['VOLUNTARY'], divisionCode: '610113', location: 'x', inPublicPlace: false, signageShown: false };
    const cases: [string, string, string, Record<string, unknown>, string][] = [
      ['unknown organisation type', 'POST', '/v1/organisations', { ...organisation, type: 'CASINO' }, 'CUSTOS_VALIDATION_FAILED'],
      ['unknown level', 'POST', '/v1/organisations', { ...organisation, level: 'VILLAGE' }, 'CUSTOS_VALIDATION_FAILED'],
      ['division code of 5 digits', 'POST', '/v1/organisations', { ...organisation, divisionCode: '61011' }, 'CUSTOS_VALIDATION_FAILED'],
      ['division code with a letter', 'POST', '/v1/organisations', { ...organisation, divisionCode: '61011a' }, 'CUSTOS_VALIDATION_FAILED'],
      ['division code of no province', 'POST', '/v1/organisations', { ...organisation, divisionCode: '000000' }, 'CUSTOS_R5_1_INVALID_DIVISION_CODE'],
      ['county code with no city', 'POST', '/v1/organisations', { ...organisation, divisionCode: '610013' }, 'CUSTOS_R5_1_INVALID_DIVISION_CODE'],
      ['oversized name', 'POST', '/v1/organisations', { ...organisation, name: 'x'.repeat(201) }, 'CUSTOS_VALIDATION_FAILED'],
      ['missing name', 'POST', '/v1/organisations', { type: 'OWNER', level: 'COUNTY', divisionCode: '610113' }, 'CUSTOS_VALIDATION_FAILED'],
      ['unknown property', 'POST', '/v1/organisations', { ...organisation, admin: true }, 'CUSTOS_VALIDATION_FAILED'],
      ['bad id', 'POST', '/v1/organisations', { ...organisation, id: '../etc/passwd' }, 'CUSTOS_VALIDATION_FAILED'],
      ['unknown site category', 'POST', '/v1/systems', { ...system, siteCategories: ['CASINO'] }, 'CUSTOS_VALIDATION_FAILED'],
      ['no site category', 'POST', '/v1/systems', { ...system, siteCategories: [] }, 'CUSTOS_VALIDATION_FAILED'],
      ['signage flag as a string', 'POST', '/v1/systems', { ...system, signageShown: 'yes' }, 'CUSTOS_VALIDATION_FAILED'],
      ['oversized location', 'POST', '/v1/systems', { ...system, location: 'x'.repeat(501) }, 'CUSTOS_VALIDATION_FAILED'],
      ['unknown camera location', 'POST', '/v1/systems/sys-mall-saige/cameras', { name: 'c', locationCategory: 'BEDROOM', location: 'x' }, 'CUSTOS_VALIDATION_FAILED'],
      ['camera without location', 'POST', '/v1/systems/sys-mall-saige/cameras', { name: 'c', locationCategory: 'LOBBY' }, 'CUSTOS_VALIDATION_FAILED'],
      ['unknown change kind', 'POST', '/v1/systems/sys-mall-saige/changes', { kind: 'MOVED', description: 'x', changedAt: '2026-01-01T00:00:00Z' }, 'CUSTOS_VALIDATION_FAILED'],
      ['change date not a date', 'POST', '/v1/systems/sys-mall-saige/changes', { kind: 'CHANGED', description: 'x', changedAt: 'last week' }, 'CUSTOS_VALIDATION_FAILED'],
      ['unknown qualification status', 'POST', '/v1/officers/off-yanta-li/qualifications/61011300101/status', { status: 'PAUSED', since: '2026-01-01T00:00:00Z' }, 'CUSTOS_VALIDATION_FAILED'],
      ['credential expiring before issuance', 'POST', '/v1/officers/off-yanta-li/qualifications', { credentialNumber: 'C-1', issuedAt: '2026-01-01T00:00:00Z', expiresAt: '2025-01-01T00:00:00Z' }, 'CUSTOS_REGISTRY_CREDENTIAL_DATES_INVALID'],
      ['head without person', 'POST', '/v1/organisations/org-psb-yanta/heads', { from: '2026-01-01T00:00:00Z' }, 'CUSTOS_VALIDATION_FAILED'],
      ['instant that is not a date', 'GET', '/v1/officers/off-yanta-li/qualification?at=yesterday', {}, 'CUSTOS_VALIDATION_FAILED'],
      ['page size over 200', 'GET', '/v1/organisations?limit=1000', {}, 'CUSTOS_VALIDATION_FAILED'],
    ];

    it.each(cases)('answers %s with 400 and a code, changing nothing', async (_name, method, path, body, code) => {
      const before = await t.head();
      const auth = await t.auth(path.startsWith('/v1/systems/sys-mall') ? 'operator.mall' : 'admin.shaanxi');
      const res = method === 'GET' ? await t.get(path, auth) : await t.post(path, auth, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
      expect(await t.head()).toBe(before);
    });
  });

  it('rebuilds the lists exactly from the log', async () => {
    const registry = t.app.get(RegistryRepository);
    const snapshot = async () =>
      Promise.all(
        ['reg_organisations', 'reg_officers', 'reg_image_systems', 'reg_cameras'].map(
          async (table) => (await t.pool.query(`SELECT * FROM ${table} ORDER BY id`)).rows,
        ),
      );
    await registry.lists.catchUp();
    const before = await snapshot();
    await registry.lists.rebuild();
    expect(await snapshot()).toEqual(before);
  });
});
