import 'reflect-metadata';
import { Principal } from '@custos/auth';
import { RegistryTestApp, startSeededRegistryTestApp } from './testing/registry-test-app';

/** A principal of an organisation outside the demo data (a ministry, another province). */
const principal = (organisationId: string, divisionCode: string, roles: Principal['roles'], type: Principal['organisationType']): Principal => ({
  subject: `sub-${organisationId}-${roles.join('-')}`,
  personId: `person-${organisationId}`,
  organisationId,
  organisationType: type,
  divisionCode,
  roles,
});

describe('registry: national organs (R5.1) and operators with their training (R16.2), over HTTP on real Postgres', () => {
  let t: RegistryTestApp;
  const nationalAdmin = principal('org-mps', '100000', ['REGISTRY_ADMIN'], 'PUBLIC_SECURITY');
  const nationalOversight = principal('org-oversight-national', '100000', ['OVERSIGHT'], 'OVERSIGHT');
  const gansuOversight = principal('org-oversight-gansu', '620000', ['OVERSIGHT'], 'OVERSIGHT');

  beforeAll(async () => (t = await startSeededRegistryTestApp('registry-organs')));
  afterAll(() => t?.close());

  describe('national organs (R5.1)', () => {
    const ministry = { id: 'org-mps', name: 'Ministry of Public Security (公安部)', type: 'PUBLIC_SECURITY', level: 'NATIONAL', divisionCode: '100000' };

    it('refuses a national organ to a provincial administrator, whose jurisdiction does not cover the country (R5.1)', async () => {
      const before = (await t.events('registry.OrganisationRegistered')).length;
      const res = await t.post('/v1/organisations', 'admin.shaanxi', ministry);
      expect([res.status, res.body.code]).toEqual([403, 'CUSTOS_AUTH_OUTSIDE_JURISDICTION']);
      expect((await t.events('registry.OrganisationRegistered')).length).toBe(before);
    });

    it('registers a ministry at NATIONAL level with the national code 100000, and a province under it (R5.1)', async () => {
      const res = await t.post('/v1/organisations', nationalAdmin, ministry);
      expect([res.status, res.body]).toEqual([201, { id: 'org-mps' }]);
      const gansu = await t.post('/v1/organisations', nationalAdmin, {
        id: 'org-psb-gansu',
        name: 'Gansu Provincial Public Security Department',
        type: 'PUBLIC_SECURITY',
        level: 'PROVINCE',
        divisionCode: '620000',
        parentId: 'org-mps',
      });
      expect(gansu.status).toBe(201);
      const read = await t.get('/v1/organisations/org-mps', nationalOversight);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: 'org-mps', level: 'NATIONAL', divisionCode: '100000' });
      // Provincial oversight of Gansu does not read the ministry; national oversight reads Gansu.
      expect((await t.get('/v1/organisations/org-mps', gansuOversight)).status).toBe(403);
      expect((await t.get('/v1/organisations/org-psb-gansu', nationalOversight)).status).toBe(200);
    });

    it('refuses an organ that calls itself NATIONAL with a province code (R5.1)', async () => {
      const res = await t.post('/v1/organisations', nationalAdmin, { ...ministry, id: 'org-fake-ministry', divisionCode: '610000' });
      expect([res.status, res.body.code]).toEqual([400, 'CUSTOS_R5_1_LEVEL_ABOVE_DIVISION']);
    });
  });

  describe("the national regulation's organs (CN2025-USE)", () => {
    it('registers a court and a county emergency department, types the national regulation adds, and lists them by type (CN2025-USE)', async () => {
      const court = { id: 'org-court-yanta', name: 'Yanta District People\'s Court (雁塔区人民法院)', type: 'JUDICIAL', level: 'COUNTY', divisionCode: '610113' };
      const emergency = { id: 'org-emergency-yanta', name: 'Yanta District Emergency Management Bureau (雁塔区应急管理局)', type: 'EMERGENCY_ADMIN', level: 'COUNTY', divisionCode: '610113' };
      for (const organ of [court, emergency]) expect((await t.post('/v1/organisations', 'admin.shaanxi', organ)).status).toBe(201);
      const registered = (await t.events('registry.OrganisationRegistered')).map((e) => e.payload.type);
      expect(registered).toEqual(expect.arrayContaining(['JUDICIAL', 'EMERGENCY_ADMIN']));
      const courts = await t.get('/v1/organisations?type=JUDICIAL', 'admin.shaanxi');
      expect(courts.status).toBe(200);
      expect(JSON.stringify(courts.body)).toContain('org-court-yanta');
      expect(JSON.stringify(courts.body)).not.toContain('org-emergency-yanta');
    });
  });

  describe("owners' operators and their training (R16.2)", () => {
    const operator = (id: string, organisationId = 'org-owner-mall') => ({ id, personId: `person-${id}`, organisationId, name: id });

    it('lets an owner register its operators and record their training: course, day and certificate (R16.2)', async () => {
      expect((await t.post('/v1/operators', 'operator.mall', operator('op-mall-wang'))).status).toBe(201);
      expect((await t.post('/v1/operators', 'admin.yanta', operator('op-mall-zhou'))).status).toBe(201);
      const trained = await t.post('/v1/operators/op-mall-wang/trainings', 'operator.mall', {
        course: 'Monitoring duty and the protection of personal information',
        completedOn: '2026-02-20',
        certificateNumber: 'SAIGE-2026-007',
      });
      expect(trained.status).toBe(201);
      const view = await t.get('/v1/operators/op-mall-wang', 'oversight.shaanxi');
      expect(view.body).toMatchObject({
        organisationId: 'org-owner-mall',
        trained: true,
        trainings: [{ course: 'Monitoring duty and the protection of personal information', completedOn: '2026-02-20', certificateNumber: 'SAIGE-2026-007' }],
      });
      const events = await t.events('registry.OperatorTrainingRecorded');
      expect(events.at(-1)).toMatchObject({ aggregateId: 'operator:op-mall-wang', payload: { completedOn: '2026-02-20' } });
    });

    it("lists to oversight the operators without training in its jurisdiction, and none of another province's oversight (R16.2, R5.1)", async () => {
      expect((await t.post('/v1/operators', 'operator.bank', operator('op-bank-li', 'org-owner-bank'))).status).toBe(201);
      const untrained = await t.get('/v1/operators?untrained=true&limit=200', 'oversight.shaanxi');
      expect(untrained.status).toBe(200);
      const ids = untrained.body.items.map((o: { id: string }) => o.id);
      expect(ids).toEqual(expect.arrayContaining(['op-mall-zhou', 'op-bank-li']));
      expect(ids).not.toContain('op-mall-wang');
      expect(untrained.body.items.every((o: { trained: boolean }) => !o.trained)).toBe(true);
      // The demo's bank and hotel operators have no training; the demo's mall and metro operators have.
      expect(ids).toEqual(expect.arrayContaining(['op-bank-operator', 'op-hotel-operator']));
      const trained = await t.get('/v1/operators?untrained=false&limit=200', 'oversight.shaanxi');
      expect(trained.body.items.map((o: { id: string }) => o.id).sort()).toEqual(['op-mall-operator', 'op-mall-wang', 'op-metro-operator']);
      expect((await t.get('/v1/operators?untrained=true', gansuOversight)).body.items).toEqual([]);
      // An owner sees its own operators only.
      const bank = await t.get('/v1/operators?untrained=true&limit=200', 'operator.bank');
      expect(bank.body.items.map((o: { id: string }) => o.id)).toEqual(['op-bank-operator', 'op-bank-li']);
    });

    it("refuses another owner's recording of training, and an operator of an enforcement organ, changing nothing (R16.2, R3.1)", async () => {
      const recorded = async () =>
        (await t.events('registry.OperatorRegistered')).length + (await t.events('registry.OperatorTrainingRecorded')).length;
      const before = await recorded();
      const other = await t.post('/v1/operators/op-mall-zhou/trainings', 'operator.bank', { course: 'x', completedOn: '2026-02-01' });
      expect([other.status, other.body.code]).toEqual([403, 'CUSTOS_AUTH_WRONG_ORGANISATION']);
      const psb = await t.post('/v1/operators', 'admin.yanta', operator('op-psb', 'org-psb-yanta'));
      expect([psb.status, psb.body.code, psb.body.rule]).toEqual([400, 'CUSTOS_R16_2_NOT_AN_OWNER', 'R16.2']);
      const future = await t.post('/v1/operators/op-mall-zhou/trainings', 'operator.mall', { course: 'x', completedOn: '2026-03-05' });
      expect([future.status, future.body.code, future.body.rule]).toEqual([400, 'CUSTOS_INPUT_TRAINING_IN_FUTURE', undefined]);
      const noDay = await t.post('/v1/operators/op-mall-zhou/trainings', 'operator.mall', { course: 'x', completedOn: '2026-02-30' });
      expect([noDay.status, noDay.body.code]).toEqual([400, 'CUSTOS_INPUT_TRAINING_DATE_INVALID']);
      expect(await recorded()).toBe(before);
      expect((await t.get('/v1/operators/op-mall-zhou', 'operator.mall')).body.trained).toBe(false);
    });

    it('refuses listing operators to nobody signed in, and answers 404 for an unknown operator (R3.1)', async () => {
      expect((await t.http().get('/v1/operators')).status).toBe(401);
      const missing = await t.get('/v1/operators/op-nobody', 'oversight.shaanxi');
      expect([missing.status, missing.body.code]).toEqual([404, 'CUSTOS_REGISTRY_OPERATOR_NOT_FOUND']);
    });
  });
});
