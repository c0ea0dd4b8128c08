import { isHeadAt } from '@custos/domain';
import { HttpApprovalsRegistryFacts } from '../../services/approvals/src/registry/http-registry-facts';
import { HttpRequestsRegistryFacts } from '../../services/requests/src/registry/http-registry-facts';
import { RegistryDemoSeeder } from '../../services/registry/src/seed/registry-demo.seeder';
import { demoPrincipal, RegistryTestApp, startRegistryTestApp } from '../../services/registry/src/testing/registry-test-app';

/**
 * The contract between the registry's read API and the HTTP adapters of the requests and
 * approvals services (their registry ports): a REAL registry (its module behind the real auth
 * guards, on the harness's Postgres, seeded with the demo data through its commands) answers
 * the adapters, which must return the domain objects the services' rules expect. The services
 * may not import each other, so the contract lives here, where deploy may import them all.
 */
describe('registry facts over HTTP: the requests and approvals adapters against the real registry API (R5.1, R17.2–R17.4, R18.2)', () => {
  let registry: RegistryTestApp;
  let baseUrl: string;
  let requests: HttpRequestsRegistryFacts;
  let approvals: HttpApprovalsRegistryFacts;
  const NOW = new Date('2026-03-01T08:00:00Z');

  beforeAll(async () => {
    registry = await startRegistryTestApp('registry-facts');
    await registry.app.get(RegistryDemoSeeder, { strict: false }).seed();
    await registry.app.listen(0, '127.0.0.1');
    baseUrl = await registry.app.getUrl();
    const tokenOf = (username: string) => async () => (await registry.auth(username)).authorization.replace(/^Bearer /, '');
    requests = new HttpRequestsRegistryFacts({ baseUrl, serviceToken: tokenOf('service.requests'), clock: () => NOW });
    approvals = new HttpApprovalsRegistryFacts({ baseUrl, serviceToken: tokenOf('service.approvals') });
  });

  afterAll(async () => {
    await registry?.close();
  });

  describe('organisations (R5.1)', () => {
    it('gives both services the organ with its type, level and jurisdiction', async () => {
      const expected = { id: 'org-psb-yanta', type: 'PUBLIC_SECURITY', level: 'COUNTY', divisionCode: '610113' };
      expect(await requests.organisation('org-psb-yanta')).toEqual(expected);
      expect(await approvals.organisation('org-psb-yanta')).toEqual(expected);
      expect(await approvals.organisation('org-ps-xiaozhai')).toEqual({
        id: 'org-ps-xiaozhai',
        type: 'PUBLIC_SECURITY',
        level: 'BELOW_COUNTY',
        divisionCode: '610113001',
      });
    });

    it('answers undefined for an organisation the registry does not know (its 404)', async () => {
      expect(await requests.organisation('org-nowhere')).toBeUndefined();
      expect(await approvals.organisation('org-nowhere')).toBeUndefined();
    });
  });

  describe('head terms (R17.2–R17.4)', () => {
    it('gives approvals every head term of the organ, ended ones with their end, judged by isHeadAt', async () => {
      const terms = await approvals.headTerms('org-psb-yanta');
      expect(terms).toEqual([
        {
          personId: 'person-head-yanta-former',
          organisationId: 'org-psb-yanta',
          from: new Date('2020-01-01T00:00:00Z'),
          to: new Date('2024-01-01T00:00:00Z'),
        },
        { personId: 'person-head-yanta', organisationId: 'org-psb-yanta', from: new Date('2024-01-01T00:00:00Z') },
      ]);
      expect(isHeadAt(terms, 'person-head-yanta', 'org-psb-yanta', NOW)).toBe(true);
      expect(isHeadAt(terms, 'person-head-yanta-former', 'org-psb-yanta', NOW)).toBe(false);
      expect(isHeadAt(terms, 'person-head-yanta-former', 'org-psb-yanta', new Date('2023-06-01T00:00:00Z'))).toBe(true);
    });

    it('gives no terms for an owner without heads, nor for an unknown organisation', async () => {
      expect(await approvals.headTerms('org-owner-mall')).toEqual([]);
      expect(await approvals.headTerms('org-nowhere')).toEqual([]);
    });
  });

  describe('officers and credentials (R18.2)', () => {
    it('finds the officer by person id (the registry keys officers by its own id) with the credential history', async () => {
      expect(await requests.officer('person-officer-zhang')).toEqual({
        personId: 'person-officer-zhang',
        organisationId: 'org-psb-yanta',
        qualification: {
          credentialNumber: '61011300102',
          issuedAt: new Date('2022-01-01T00:00:00Z'),
          expiresAt: new Date('2030-01-01T00:00:00Z'),
          statusHistory: [{ status: 'ACTIVE', since: new Date('2022-01-01T00:00:00Z') }],
        },
      });
    });

    it('keeps a suspension and an expiry in the history, for the rule to judge', async () => {
      const sun = await requests.officer('person-officer-sun');
      expect(sun?.qualification.statusHistory.map((s) => s.status)).toEqual(['ACTIVE', 'SUSPENDED']);
      expect(sun?.qualification.statusHistory[1].since).toEqual(new Date('2025-06-01T00:00:00Z'));
      const zhao = await requests.officer('person-officer-zhao');
      expect(zhao?.qualification.expiresAt).toEqual(new Date('2024-01-01T00:00:00Z'));
    });

    it('picks the credential the officer presents, else the newest valid one, when an officer holds several', async () => {
      const issued = await registry
        .http()
        .post('/v1/officers/off-yanta-li/qualifications')
        .set(await registry.auth('admin.yanta'))
        .send({ credentialNumber: '61011300199', issuedAt: '2025-01-01T00:00:00Z', expiresAt: '2031-01-01T00:00:00Z', backdatingReason: 'test: issued before the clock' });
      expect(issued.status).toBe(201);
      expect((await requests.officer('person-officer-li'))?.qualification.credentialNumber).toBe('61011300199');
      expect((await requests.officer('person-officer-li', '61011300101'))?.qualification.credentialNumber).toBe('61011300101');
      expect((await requests.officer('person-officer-li', '61011300199'))?.qualification.credentialNumber).toBe('61011300199');
      // A number the registry does not hold falls back to the newest valid credential (officerOf then refuses the mismatch).
      expect((await requests.officer('person-officer-li', 'NOT-ON-RECORD'))?.qualification.credentialNumber).toBe('61011300199');
    });

    it('answers undefined for a person the registry does not know', async () => {
      expect(await requests.officer('person-nobody')).toBeUndefined();
    });
  });

  describe('cameras (R2.1, R16.5)', () => {
    it('gives the camera with its image system and the owner whose queue receives the request', async () => {
      expect(await requests.camera('cam-mall-main-entrance')).toEqual({
        id: 'cam-mall-main-entrance',
        imageSystemId: 'sys-mall-saige',
        ownerOrganisationId: 'org-owner-mall',
      });
      expect(await requests.camera('cam-metro-xiaozhai-exit-d')).toMatchObject({ ownerOrganisationId: 'org-owner-metro' });
    });

    it('gives the image system with its owner and the county PSB supervising it, to whom an overdue request escalates (R16.5)', async () => {
      expect(await requests.system('sys-mall-saige')).toEqual({
        id: 'sys-mall-saige',
        ownerOrganisationId: 'org-owner-mall',
        supervisingOrganisationId: 'org-psb-yanta',
      });
      expect(await requests.system('sys-nowhere')).toBeUndefined();
    });

    it("gives the organisations the registry holds a person as an operator of: what an owner's token may claim (R16.2, issue 16)", async () => {
      expect(await requests.operatorOrganisations('person-operator-mall')).toEqual(['org-owner-mall']);
      expect(await requests.operatorOrganisations('person-officer-li')).toEqual([]);
      expect(await requests.operatorOrganisations('person-nowhere')).toEqual([]);
    });

    it('answers undefined for an unknown camera and for the camera R8.1 refused', async () => {
      expect(await requests.camera('cam-nowhere')).toBeUndefined();
      expect(await requests.camera('cam-hotel-room-1208')).toBeUndefined();
    });
  });

  it('fails (never answers "unknown") when the registry refuses the service (R3.1)', async () => {
    const unauthorised = new HttpRequestsRegistryFacts({ baseUrl, serviceToken: async () => 'not-a-token' });
    await expect(unauthorised.organisation('org-psb-yanta')).rejects.toThrow(/registry answered 401/);
    const notAService = new HttpApprovalsRegistryFacts({
      baseUrl,
      serviceToken: async () => (await registry.auth(demoPrincipal('operator.hotel'))).authorization.replace(/^Bearer /, ''),
    });
    await expect(approvals.headTerms('org-owner-mall')).resolves.toEqual([]);
    await expect(notAService.organisation('org-owner-mall')).rejects.toThrow(/registry answered 403/);
  });
});
