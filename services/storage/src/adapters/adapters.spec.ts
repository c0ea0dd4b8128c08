import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyIdOf } from '@custos/domain';
import { embeddedExportKeyFile, exportSigningKeyOf } from './export-signing-key';
import { HttpApprovalTrust } from '@custos/platform';
import { HttpCameraDirectory } from './http-camera-directory';

type Answer = { status: number; body?: unknown };

function fakeFetch(answers: Record<string, Answer>) {
  const calls: { url: string; authorization: string }[] = [];
  const fetchImpl = (async (input: URL | string, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push({ url: url.pathname, authorization: String((init?.headers as Record<string, string>).authorization) });
    const answer = answers[url.pathname] ?? { status: 404 };
    return new Response(answer.body === undefined ? '' : JSON.stringify(answer.body), { status: answer.status });
  }) as typeof fetch;
  return { fetchImpl, calls };
}

const camera = {
  id: 'cam-1',
  imageSystemId: 'sys-1',
  ownerOrganisationId: 'org-owner',
  divisionCode: '610113',
  name: 'Gate',
  locationCategory: 'ENTRANCE',
  location: 'east',
  removed: false,
};

describe('HttpCameraDirectory (R3.1)', () => {
  it("maps the registry's camera to its owner, with the service token, and caches found cameras only", async () => {
    const { fetchImpl, calls } = fakeFetch({ '/registry/v1/cameras/cam-1': { status: 200, body: camera } });
    const cameras = new HttpCameraDirectory({ baseUrl: 'http://r/registry', serviceToken: async () => 'svc', fetch: fetchImpl });
    expect(await cameras.cameraOf('cam-1')).toEqual({ cameraId: 'cam-1', organisationId: 'org-owner', imageSystemId: 'sys-1' });
    await cameras.cameraOf('cam-1');
    expect(await cameras.cameraOf('cam-x')).toBeUndefined();
    expect(await cameras.cameraOf('cam-x')).toBeUndefined();
    expect(calls.map((c) => c.url)).toEqual(['/registry/v1/cameras/cam-1', '/registry/v1/cameras/cam-x', '/registry/v1/cameras/cam-x']);
    expect(calls[0].authorization).toBe('Bearer svc');
  });

  it('fails, never answers "unknown", when the registry refuses or fails', async () => {
    const { fetchImpl } = fakeFetch({ '/v1/cameras/cam-1': { status: 403, body: {} } });
    const cameras = new HttpCameraDirectory({ baseUrl: 'http://r', serviceToken: async () => 'svc', fetch: fetchImpl });
    await expect(cameras.cameraOf('cam-1')).rejects.toThrow(/registry answered 403/);
  });
});

describe('HttpApprovalTrust (R18.5)', () => {
  const { publicKey } = generateKeyPairSync('ed25519');
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const keyId = keyIdOf(publicKey);

  it("trusts the organ's published key under its computed key id, and reads its revocations afresh at every decision (R18.5)", async () => {
    const { fetchImpl, calls } = fakeFetch({
      '/v1/organisations/psb/approval-key': { status: 200, body: { organisationId: 'psb', algorithm: 'Ed25519', keyId, publicKeyPem: pem, createdAt: '' } },
      '/v1/organisations/psb/revoked-approvals': { status: 200, body: { organisationId: 'psb', revoked: [{ number: 'N-1', revokedAt: '', reason: 'x' }] } },
    });
    const trust = new HttpApprovalTrust({ baseUrl: 'http://a', serviceToken: async () => 'svc', fetch: fetchImpl });
    expect(keyIdOf((await trust.issuerKey('psb', keyId))!)).toBe(keyId);
    expect(await trust.issuerKey('psb', 'f'.repeat(64))).toBeUndefined();
    expect([...(await trust.revokedNumbers('psb'))]).toEqual(['N-1']);
    await trust.revokedNumbers('psb');
    expect(calls.filter((c) => c.url.endsWith('revoked-approvals'))).toHaveLength(2);
  });

  it('has no key for an organ that signed nothing (404), and an empty revocation list', async () => {
    const { fetchImpl } = fakeFetch({ '/v1/organisations/psb/revoked-approvals': { status: 200, body: { organisationId: 'psb', revoked: [] } } });
    const trust = new HttpApprovalTrust({ baseUrl: 'http://a', serviceToken: async () => 'svc', fetch: fetchImpl });
    expect(await trust.issuerKey('psb', keyId)).toBeUndefined();
    expect((await trust.revokedNumbers('psb')).size).toBe(0);
  });

  it('fails when the approvals service fails', async () => {
    const { fetchImpl } = fakeFetch({ '/v1/organisations/psb/revoked-approvals': { status: 503 } });
    const trust = new HttpApprovalTrust({ baseUrl: 'http://a', serviceToken: async () => 'svc', fetch: fetchImpl });
    await expect(trust.revokedNumbers('psb')).rejects.toThrow(/approvals answered 503/);
  });
});

describe('exportSigningKeyOf (R18.5)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'custos-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the configured Ed25519 PEM, and refuses another kind of key', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(keyIdOf(exportSigningKeyOf({ EXPORT_SIGNING_KEY: pem, EMBEDDED_MODE: false, LOCAL_STORE_DIR: dir }))).toBe(keyIdOf(privateKey));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => exportSigningKeyOf({ EXPORT_SIGNING_KEY: rsa, EMBEDDED_MODE: false, LOCAL_STORE_DIR: dir })).toThrow(/Ed25519/);
  });

  it('refuses to start without a key outside the embedded mode', () => {
    expect(() => exportSigningKeyOf({ EXPORT_SIGNING_KEY: '', EMBEDDED_MODE: false, LOCAL_STORE_DIR: dir })).toThrow(
      /EXPORT_SIGNING_KEY is required when EMBEDDED_MODE=false/,
    );
  });

  it('generates one key in the embedded mode, keeps it 0600 under LOCAL_STORE_DIR/../keys, and reuses it', () => {
    const settings = { EXPORT_SIGNING_KEY: '', EMBEDDED_MODE: true, LOCAL_STORE_DIR: join(dir, 'store') };
    const first = exportSigningKeyOf(settings);
    const file = embeddedExportKeyFile(settings.LOCAL_STORE_DIR);
    expect(file).toBe(join(dir, 'keys', 'export-signing-key.pem'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(keyIdOf(exportSigningKeyOf(settings))).toBe(keyIdOf(first));
  });
});
