import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { InMemoryAccessDenialRecorder } from '../denials/in-memory-access-denial.recorder';
import type { Principal } from '../principal/principal';
import { aPrincipal } from '../testing/principal.fixture';
import { startProbeApp } from '../testing/probe.app';
import { startTestIssuer, TestIssuer } from '../testing/test-issuer';

describe('roles, jurisdiction and organisation checks (R3.1, R5.1)', () => {
  let issuer: TestIssuer;
  let app: INestApplication;
  let recorder: InMemoryAccessDenialRecorder;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    ({ app, recorder } = await startProbeApp(issuer.authConfig()));
  });
  afterAll(async () => {
    await app.close();
    await issuer.close();
  });
  beforeEach(() => recorder.clear());

  const get = async (path: string, principal: Principal) =>
    request(app.getHttpServer())
      .get(path)
      .set('Authorization', `Bearer ${await issuer.tokenFor(principal)}`)
      .set('x-correlation-id', 'corr-403');

  it('lets a service read footage only with the scope its client was given, and still lets the owner in by role (R3.1)', async () => {
    const service = aPrincipal({ roles: ['SERVICE'], credentialNumber: undefined });
    const refused = await get('/segments', { ...service, scopes: ['custos:exports.read'] });
    expect([refused.status, refused.body.code]).toEqual([403, 'CUSTOS_AUTH_SCOPE_REQUIRED']);
    expect(recorder.withCode('CUSTOS_AUTH_SCOPE_REQUIRED')).toHaveLength(1);
    expect((await get('/segments', service)).status).toBe(403);
    expect((await get('/segments', { ...service, scopes: ['custos:segments.read'] })).status).toBe(200);
    expect((await get('/segments', aPrincipal({ roles: ['OWNER_OPERATOR'] }))).status).toBe(200);
    expect((await get('/segments', aPrincipal({ roles: ['OFFICER'] }))).body.code).toBe('CUSTOS_AUTH_ROLE_REQUIRED');
  });

  it('refuses a route needing APPROVER to a mere OFFICER with 403 CUSTOS_AUTH_ROLE_REQUIRED, recorded with the caller', async () => {
    const officer = aPrincipal({ roles: ['OFFICER'] });
    const response = await get('/approvals', officer);
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      statusCode: 403,
      code: 'CUSTOS_AUTH_ROLE_REQUIRED',
      message: 'this action requires one of the roles APPROVER',
    });
    expect(recorder.denials).toEqual([
      {
        code: 'CUSTOS_AUTH_ROLE_REQUIRED',
        status: 403,
        rule: 'R3.1',
        method: 'GET',
        path: '/approvals',
        route: '/approvals',
        source: expect.stringMatching(/127\.0\.0\.1$/),
        subject: officer.subject,
        organisationId: officer.organisationId,
        reason: 'this action requires one of the roles APPROVER',
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        correlationId: 'corr-403',
      },
    ]);
  });

  it('lets a principal with the required role through', async () => {
    expect((await get('/approvals', aPrincipal({ roles: ['OFFICER', 'APPROVER'] }))).status).toBe(200);
    expect((await get('/approvals', aPrincipal({ roles: ['APPROVER'] }))).status).toBe(200);
    expect(recorder.denials).toEqual([]);
  });

  it('applies a controller @Roles() to its routes and lets a method @Roles() replace it', async () => {
    const officer = aPrincipal({ roles: ['OFFICER'] });
    const oversight = aPrincipal({ roles: ['OVERSIGHT'], organisationType: 'OVERSIGHT' });
    expect((await get('/audit', officer)).body.code).toBe('CUSTOS_AUTH_ROLE_REQUIRED');
    expect((await get('/audit', oversight)).status).toBe(200);
    expect((await get('/audit/own', officer)).status).toBe(200);
    expect((await get('/audit/own', oversight)).body.code).toBe('CUSTOS_AUTH_ROLE_REQUIRED');
  });

  it('refuses a @Public() route that also asks for roles with 401, rather than opening it', async () => {
    const response = await request(app.getHttpServer()).get('/audit/open');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('CUSTOS_AUTH_TOKEN_MISSING');
  });

  it('refuses a resource outside the jurisdiction with 403 CUSTOS_AUTH_OUTSIDE_JURISDICTION citing R5.1', async () => {
    const changan = aPrincipal({ divisionCode: '610116' });
    const response = await get('/divisions/610113', changan);
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('CUSTOS_AUTH_OUTSIDE_JURISDICTION');
    expect(recorder.denials).toEqual([
      expect.objectContaining({
        code: 'CUSTOS_AUTH_OUTSIDE_JURISDICTION',
        rule: 'R5.1',
        path: '/divisions/610113',
        subject: changan.subject,
      }),
    ]);
  });

  it('lets a city bureau reach a resource of a county inside its city', async () => {
    expect((await get('/divisions/610113', aPrincipal({ divisionCode: '610100' }))).status).toBe(200);
  });

  it("refuses another organisation's resource with 403 CUSTOS_AUTH_WRONG_ORGANISATION", async () => {
    const response = await get('/organisations/org-psb-yanta', aPrincipal({ organisationId: 'org-psb-changan' }));
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('CUSTOS_AUTH_WRONG_ORGANISATION');
    expect(recorder.withCode('CUSTOS_AUTH_WRONG_ORGANISATION')).toEqual([
      expect.objectContaining({ organisationId: 'org-psb-changan', path: '/organisations/org-psb-yanta' }),
    ]);
  });

  it('lets a principal reach its own organisation', async () => {
    expect((await get('/organisations/org-psb-changan', aPrincipal())).status).toBe(200);
  });
});
