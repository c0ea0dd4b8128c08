import { waitFor } from '@custos/testing';
import request from 'supertest';
import { RunningServices, startEmbeddedServices } from './embedded-services.test-support';

/**
 * Oversight as `npm start` runs it: its root module on the embedded bus beside the registry
 * (seeded with the demo data, the development issuer), signed in as the demo's provincial
 * oversight (issue 20).
 */
describe('oversight on the embedded bus', () => {
  let stack: RunningServices;

  beforeAll(async () => {
    stack = await startEmbeddedServices('oversight-embedded', ['registry', 'oversight']);
  }, 120_000);
  afterAll(() => stack?.close());

  it('raises a finding from a camera the registry refused in a forbidden place, for the demo’s provincial oversight (R8.1, R5.1)', async () => {
    const admin = { authorization: `Bearer ${await stack.tokenOf('admin.shaanxi')}` };
    const registry = stack.services.get('registry')!.app.getHttpServer();
    const systems = await request(registry).get('/v1/systems').set(admin);
    const systemId = systems.body.items[0].id as string;
    const refused = await request(registry).post(`/v1/systems/${systemId}/cameras`).set(admin).send({ id: 'cam-embedded-toilet', name: 'x', locationCategory: 'TOILET', location: 'x' });
    expect(refused.status).toBe(403);
    const oversight = stack.services.get('oversight')!.app.getHttpServer();
    const reader = { authorization: `Bearer ${await stack.tokenOf('oversight.shaanxi')}` };
    const finding = await waitFor(
      'the finding on the embedded bus',
      async () => {
        const res = await request(oversight).get('/v1/findings?rule=R8.1').set(reader);
        return (res.body.items as { cameraId: string }[] | undefined)?.find((f) => f.cameraId === 'cam-embedded-toilet');
      },
      60_000,
      250,
    );
    expect(finding).toMatchObject({ rule: 'R8.1', imageSystemId: systemId, evidence: [expect.objectContaining({ service: 'registry' })] });
    const report = await request(oversight).get(`/v1/reports?from=${new Date(Date.now() - 86_400_000).toISOString()}&to=${new Date(Date.now() + 86_400_000).toISOString()}`).set(reader);
    expect(report.status).toBe(200);
    expect(report.body.rows).toEqual(expect.arrayContaining([expect.objectContaining({ section: 'FINDINGS_BY_RULE', key: 'R8.1' })]));
  });
});
