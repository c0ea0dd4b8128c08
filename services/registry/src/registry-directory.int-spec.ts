import { openApiDocumentOf } from '@custos/platform';
import { RegistryTestApp, startSeededRegistryTestApp } from './testing/registry-test-app';

describe('the directory the console chooses from: cameras by owner, site, address and category, and names (R2.1, R5.1)', () => {
  let t: RegistryTestApp;

  beforeAll(async () => (t = await startSeededRegistryTestApp('registry_directory')));
  afterAll(() => t?.close());

  async function cameras(who: string, query: Record<string, string> = {}) {
    return t
      .http()
      .get('/v1/directory/cameras')
      .query(query)
      .set(await t.auth(who));
  }

  it("lists a camera with its system's, owner's and site's names and addresses, never bare ids alone (R2.1)", async () => {
    const res = await cameras('officer.li', { q: 'atrium' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ nextCursor: null });
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toEqual({
      id: 'cam-mall-atrium',
      name: 'Atrium',
      locationCategory: 'LOBBY',
      location: 'Central atrium, level 1',
      imageSystemId: 'sys-mall-saige',
      imageSystemName: 'Saige mall public areas',
      siteLocation: 'Saige International Shopping Centre, Xiaozhai',
      siteCategories: ['HOTELS_MALLS_VENUES_RESIDENTIAL'],
      ownerOrganisationId: 'org-owner-mall',
      ownerOrganisationName: 'Saige International Shopping Centre (赛格国际购物中心)',
      divisionCode: '610113',
      removed: false,
    });
  });

  it("finds cameras by the owner's name in Chinese, by the site's address, by owner, by site and by camera category (R2.1)", async () => {
    const ids = async (query: Record<string, string>) => ((await cameras('officer.li', query)).body.items as { id: string }[]).map((c) => c.id).sort();
    expect(await ids({ q: '赛格' })).toEqual(['cam-mall-atrium', 'cam-mall-main-entrance', 'cam-mall-parking-b2']);
    expect(await ids({ q: 'basement 2' })).toEqual(['cam-mall-parking-b2']);
    expect(await ids({ q: 'Xiaozhai East Road' })).toEqual(['cam-bank-hall', 'cam-bank-vault']);
    expect(await ids({ ownerOrganisationId: 'org-owner-metro' })).toEqual(['cam-metro-xiaozhai-exit-d', 'cam-metro-xiaozhai-platform-2']);
    expect(await ids({ siteCategory: 'FINANCIAL_VAULTS_AND_PREMISES' })).toEqual(['cam-bank-hall', 'cam-bank-vault']);
    expect(await ids({ locationCategory: 'ENTRANCE', q: 'mall' })).toEqual(['cam-mall-main-entrance']);
    expect(await ids({ q: '100%_' })).toEqual([]);
    expect(await ids({ id: 'cam-bank-vault' })).toEqual(['cam-bank-vault']);
  });

  it('never lists the camera the regulation refused, and shows an owner only its own cameras (R8.1, R5.1)', async () => {
    const all = (await cameras('officer.li', { limit: '200' })).body.items as { id: string }[];
    expect(all.map((c) => c.id)).not.toContain('cam-hotel-room-1208');
    expect(all).toHaveLength(8);
    const owner = (await cameras('operator.metro', { limit: '200' })).body.items as { ownerOrganisationId: string }[];
    expect(owner.length).toBeGreaterThan(0);
    expect(new Set(owner.map((c) => c.ownerOrganisationId))).toEqual(new Set(['org-owner-metro']));
  });

  it('refuses a category the regulation does not know with 400 and a code, not a 500', async () => {
    const res = await cameras('officer.li', { siteCategory: 'NOWHERE' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('CUSTOS_VALIDATION_FAILED');
  });

  it("names organisations and the people within the caller's reach, leaving out unknown ids (R5.1)", async () => {
    const res = await t.get('/v1/directory/names?id=org-psb-yanta&id=person-officer-zhang&id=person-operator-metro&id=person-officer-chen&id=nobody', 'officer.li');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        { id: 'org-psb-yanta', kind: 'ORGANISATION', name: 'Yanta District Public Security Sub-bureau (雁塔分局)' },
        { id: 'person-officer-zhang', kind: 'OFFICER', name: 'Zhang Min', organisationId: 'org-psb-yanta' },
      ]),
    );
    // The metro operator's organisation sits at the city's code, the state-security officer's too: beyond a county sub-bureau's reach.
    expect(res.body.items.map((i: { id: string }) => i.id).sort()).toEqual(['org-psb-yanta', 'person-officer-zhang']);
    const none = await t.get('/v1/directory/names', 'officer.li');
    expect(none.status).toBe(400);
  });

  it('names heads by the name they were appointed with, whoever asks: it is printed on every document they sign (R17.2, R18.5)', async () => {
    const res = await t.get('/v1/directory/names?id=person-head-yanta&id=person-head-shaanxi&id=person-head-yanta-former', 'officer.li');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        { id: 'person-head-yanta', kind: 'HEAD', name: 'Zhou Yongming', organisationId: 'org-psb-yanta' },
        { id: 'person-head-shaanxi', kind: 'HEAD', name: 'Zhao Jianguo', organisationId: 'org-psb-shaanxi' },
        { id: 'person-head-yanta-former', kind: 'HEAD', name: 'Sun Lihua', organisationId: 'org-psb-yanta' },
      ]),
    );
  });

  it("names for an owner's operator the officers who present their credential to it, but not another owner's operators (R18.2, R5.1)", async () => {
    const res = await t.get('/v1/directory/names?id=person-officer-li&id=person-operator-metro&id=person-operator-mall', 'operator.mall');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string; name: string }) => [i.id, i.name]).sort()).toEqual([
      ['person-officer-li', 'Li Wei'],
      ['person-operator-mall', 'Mall control room operator'],
    ]);
  });

  it('names the county PSB supervising a system, which its change reports and overdue fulfilments go to (R15.1, R16.5)', async () => {
    const res = await t.get('/v1/systems/sys-mall-saige', 'operator.mall');
    expect(res.status).toBe(200);
    expect(res.body.supervisingOrganisationId).toBe('org-psb-yanta');
  });

  it('documents both answers and their coded refusals in the OpenAPI document, for the generated client', async () => {
    const document = openApiDocumentOf(t.app, 'registry');
    for (const path of ['/directory/cameras', '/directory/names']) {
      const get = document.paths[path].get!;
      expect(Object.keys(get.responses).sort()).toEqual(['200', '400', '401', '403']);
      expect(JSON.stringify(get.responses['400'])).toContain('#/components/schemas/ErrorBodyDto');
      expect(get.security).toEqual([{ bearer: [] }]);
    }
    expect(document.components!.schemas!.CameraDirectoryEntryDto).toMatchObject({ required: expect.arrayContaining(['ownerOrganisationName', 'imageSystemName']) });
  });
});
