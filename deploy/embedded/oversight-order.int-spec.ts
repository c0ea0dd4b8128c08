import 'reflect-metadata';
import { Principal } from '@custos/auth';
import {
  REGISTRY_EVENTS,
  REGISTRY_FACILITY_CHANGE_REPORTED,
  REGISTRY_MANDATORY_SITE_COVERAGE_RECORDED,
  REGISTRY_MANDATORY_SITE_REGISTERED,
} from '@custos/contracts';
import { waitFor } from '@custos/testing';
import {
  ForeignService,
  OversightTestStack,
  startOversightTestStack,
} from '../../services/oversight/src/testing/oversight-test-stack';

/** The county PSB of Yanta district, which answers for the sites there (R7.1). */
const countyPsb: Principal = {
  subject: 'sub-person-insp-yanta',
  personId: 'person-insp-yanta',
  organisationId: 'org-psb-yanta',
  organisationType: 'PUBLIC_SECURITY',
  divisionCode: '610113',
  roles: ['OVERSIGHT'],
};

/**
 * A site and the systems covering it are different aggregates of the registry: their events
 * reach oversight on different partitions, in any order. Here the registry's events are
 * appended to a store of its own and each is consumed before the next is appended, so the
 * order oversight sees is the test's: the removal of a system before the site it covered.
 */
describe('oversight, whichever of a site and its systems it hears of first (R7.1)', () => {
  let s: OversightTestStack;
  let registry: ForeignService;

  beforeAll(async () => {
    s = await startOversightTestStack('oversight-order');
    registry = await s.foreign('registry', REGISTRY_EVENTS);
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  /** Appends a registry event and waits until oversight has consumed it; its id. */
  async function consumed(aggregateId: string, type: string, payload: object): Promise<string> {
    await registry.append(aggregateId, type, payload);
    const { rows } = await registry.pool.query(
      'SELECT id FROM es_events WHERE aggregate_id = $1 ORDER BY sequence DESC LIMIT 1',
      [aggregateId],
    );
    const id = rows[0].id as string;
    await waitFor(
      `oversight to consume ${type}`,
      async () =>
        (await s.pool.query('SELECT 1 FROM es_inbox WHERE event_id = $1', [id])).rowCount ? true : undefined,
      60_000,
      100,
    );
    return id;
  }

  const removal = (systemId: string, changedAt: string) =>
    consumed(`image-system:${systemId}`, REGISTRY_FACILITY_CHANGE_REPORTED, {
      changeId: `chg-${systemId}`,
      kind: 'REMOVED',
      description: 'taken down',
      changedAt,
      reportedAt: '2025-08-01T10:00:00+08:00',
      late: true,
      duty: 'ARTICLE_7',
    });
  const site = (siteId: string, dutySince: string, coveringSystemIds: string[]) =>
    consumed(`mandatory-site:${siteId}`, REGISTRY_MANDATORY_SITE_REGISTERED, {
      name: siteId,
      category: 'TRANSPORT_HUBS',
      rule: 'R7.1',
      address: 'x',
      divisionCode: '610113',
      responsibleOrganisationId: 'org-psb-yanta',
      dutySince,
      coveringSystemIds,
    });

  async function siteFinding(siteId: string): Promise<Record<string, unknown>> {
    const reader = await s.as(countyPsb);
    return waitFor(
      `the R7.1 finding on ${siteId}`,
      async () => {
        const res = await reader.get('/v1/findings?rule=R7.1');
        expect(res.status).toBe(200);
        return (res.body.items as Record<string, unknown>[]).find((f) => String(f.description).includes(`(${siteId})`));
      },
      60_000,
      250,
    );
  }

  const uncoveredSince = async (siteId: string) =>
    (await s.pool.query('SELECT uncovered_since FROM ov_mandatory_sites WHERE id = $1', [siteId])).rows[0]
      ?.uncovered_since as Date | null | undefined;

  it('finds a site uncovered since the removal of its only system, heard of before the site (R7.1)', async () => {
    const removed = await removal('sys-gone', '2025-06-01T10:00:00+08:00');
    await site('site-gone', '2025-01-01T00:00:00+08:00', ['sys-gone']);
    expect(await uncoveredSince('site-gone')).toEqual(new Date('2025-06-01T02:00:00Z'));
    const finding = await siteFinding('site-gone');
    expect(finding).toMatchObject({
      origin: 'EVENT',
      rule: 'R7.1',
      divisionCode: '610113',
      evidence: [expect.objectContaining({ eventId: removed, type: REGISTRY_FACILITY_CHANGE_REPORTED })],
    });
  });

  it('finds a site uncovered again since the removal of a system recorded as covering it after oversight heard of the removal (R7.1)', async () => {
    // Listed without a system since long ago: found at once, naming the listing.
    const listed = await site('site-late', '2025-01-01T00:00:00+08:00', []);
    expect(await siteFinding('site-late')).toMatchObject({ evidence: [expect.objectContaining({ eventId: listed })] });
    // Covered on 1 May by a system taken down on 1 June, heard of in the other order.
    const removed = await removal('sys-late', '2025-06-01T10:00:00+08:00');
    await consumed('mandatory-site:site-late', REGISTRY_MANDATORY_SITE_COVERAGE_RECORDED, {
      imageSystemId: 'sys-late',
      recordedAt: '2025-05-01T10:00:00+08:00',
    });
    expect(await uncoveredSince('site-late')).toEqual(new Date('2025-06-01T02:00:00Z'));
    const again = await waitFor(
      'the second R7.1 finding on site-late',
      async () => {
        const res = await (await s.as(countyPsb)).get('/v1/findings?rule=R7.1');
        return (res.body.items as { description: string; evidence: { eventId: string }[] }[]).find(
          (f) => f.evidence[0]?.eventId === removed,
        );
      },
      60_000,
      250,
    );
    expect(again.description).toContain('(site-late)');
  });

  it('keeps a site covered by the system it has left when another was removed first', async () => {
    await removal('sys-one-of-two', '2025-06-01T10:00:00+08:00');
    await site('site-still', '2025-01-01T00:00:00+08:00', ['sys-one-of-two', 'sys-standing']);
    expect(await uncoveredSince('site-still')).toBeNull();
    const coverage = await s.pool.query('SELECT image_system_id FROM ov_site_coverage WHERE site_id = $1', [
      'site-still',
    ]);
    expect(coverage.rows).toEqual([{ image_system_id: 'sys-standing' }]);
  });
});
