import { afterEach, describe, expect, it } from 'vitest';
import { api } from './api/client';
import { getSession, keepSessionIfKeyKnown, sessionFromToken, setSession } from './session';

const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const token = (kid: string) =>
  `${b64({ alg: 'EdDSA', kid })}.${b64({ sub: 'dev:officer.li', exp: Date.now() / 1000 + 600, 'custos:person': 'person-officer-li', 'custos:org': 'org-psb-yanta', 'custos:roles': ['OFFICER'] })}.sig`;
const jwks = (...kids: string[]) =>
  (async () => new Response(JSON.stringify({ keys: kids.map((kid) => ({ kid })) }), { status: 200 })) as typeof fetch;

describe('a session after the embedded stack restarted (a new signing key)', () => {
  afterEach(() => setSession(null));

  it('is kept while the issuer still publishes the key its token was signed with', async () => {
    setSession(sessionFromToken(token('key-now'), { displayName: 'Li Wei' }));
    expect(await keepSessionIfKeyKnown('/jwks', jwks('key-now'))).toBe(true);
    expect(getSession()?.displayName).toBe('Li Wei');
  });

  it('ends when the key is gone, so the console opens on the sign-in page again', async () => {
    setSession(sessionFromToken(token('key-before-restart')));
    expect(await keepSessionIfKeyKnown('/jwks', jwks('key-now'))).toBe(false);
    expect(getSession()).toBeNull();
    expect(sessionStorage.getItem('custos.session')).toBeNull();
  });

  it('ends when a service refuses its token with 401, not on another refusal', async () => {
    setSession(sessionFromToken(token('key-now')));
    const refuse = (status: number) => async () => new Response('{}', { status, headers: { 'Content-Type': 'application/json' } });
    await api.registry.GET('/organisations', { fetch: refuse(403) } as never);
    expect(getSession()).not.toBeNull();
    await api.registry.GET('/organisations', { fetch: refuse(401) } as never);
    expect(getSession()).toBeNull();
  });
});

describe("a session from a provider's own claim names (console-config.json's claims, issue 16)", () => {
  it('reads roles, organisation, person and credential by the mapping, leaving out roles Custos does not know', () => {
    const keycloak = `${b64({ alg: 'RS256' })}.${b64({
      sub: 'officer.li',
      exp: Date.now() / 1000 + 600,
      person_id: 'person-officer-li',
      organisation: 'org-psb-yanta',
      credential: '61011300101',
      realm_access: { roles: ['offline_access', 'OFFICER'] },
    })}.sig`;
    const session = sessionFromToken(keycloak, {}, { roles: 'realm_access.roles', organisation: 'organisation', person: 'person_id', credential: 'credential' });
    expect(session).toMatchObject({ personId: 'person-officer-li', organisationId: 'org-psb-yanta', roles: ['OFFICER'], credentialNumber: '61011300101' });
  });
});
