import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { approvalSigningKeysAggregateId } from '@custos/contracts';
import { keyIdOf, SignedApprovalDocument, verifyApprovalDocument } from '@custos/domain';
import { approverPrincipal, orgById } from '@custos/testing';
import { SigningKeys } from './database/signing-keys';
import { ApprovalsTestApp, coSignedRequest, startApprovalsApp, TEST_SECRET } from './testing/approvals-app';

/** Issue 16 "Keys": the organs' approval-signing keys, checked, versioned, rotatable and in the ledger (R18.5). */
describe('approval signing keys (R18.5, issue 16)', () => {
  let t: ApprovalsTestApp;
  const others: ApprovalsTestApp[] = [];

  beforeAll(async () => {
    t = await startApprovalsApp();
  });
  afterAll(async () => {
    await Promise.allSettled(others.map((o) => o.close()));
    await t.close();
  });

  async function approve(app: ApprovalsTestApp, approverId: string, requesterId: string) {
    const { requestId, events } = coSignedRequest({ requesterOrg: orgById(requesterId), kind: 'COPY', filer: `${requesterId}-a`, coSigner: `${requesterId}-b` });
    await app.deliver(events);
    return (await app.as(approverPrincipal(approverId))).post(`/v1/approval-cases/${requestId}/approve`);
  }

  const keyEvents = async (organisationId: string) =>
    (
      await t.pool.query("SELECT type, envelope->'payload' AS payload FROM es_events WHERE aggregate_id = $1 ORDER BY sequence", [approvalSigningKeysAggregateId(organisationId)])
    ).rows as { type: string; payload: Record<string, unknown> }[];

  it("records an organ's first key as approvals.SigningKeyCreated with the public key it publishes, once", async () => {
    expect((await approve(t, 'psb-xian', 'psb-beilin')).status).toBe(200);
    expect((await approve(t, 'psb-xian', 'psb-beilin')).status).toBe(200);
    const published = await (await t.as(approverPrincipal('psb-xian'))).get('/v1/organisations/psb-xian/approval-key');
    const events = await keyEvents('psb-xian');
    expect(events).toEqual([
      {
        type: 'approvals.SigningKeyCreated',
        payload: expect.objectContaining({ organisationId: 'psb-xian', keyId: published.body.keyId, version: 1, publicKeyPem: published.body.publicKeyPem }),
      },
    ]);
  });

  it('rotates on request of the organ\'s approver: a new version signs, the old stays verifiable by its key id, the rotation is recorded', async () => {
    const before = await approve(t, 'psb-xian', 'psb-beilin');
    const oldDocument = before.body.signedDocument as SignedApprovalDocument;
    const rotated = await (await t.as(approverPrincipal('psb-xian'))).post('/v1/organisations/psb-xian/approval-key/rotate');
    expect(rotated.status).toBe(200);
    expect(rotated.body.keyId).not.toBe(oldDocument.keyId);
    expect(rotated.body.version).toBe(2);
    const after = await approve(t, 'psb-xian', 'psb-beilin');
    expect(after.body.signedDocument.keyId).toBe(rotated.body.keyId);
    const old = await (await t.as(approverPrincipal('psb-xian'))).get(`/v1/organisations/psb-xian/approval-key?keyId=${oldDocument.keyId}`);
    expect(old.body).toMatchObject({ keyId: oldDocument.keyId, version: 1, retiredAt: expect.any(String) });
    const verified = verifyApprovalDocument(oldDocument, { publicKey: createPublicKey(old.body.publicKeyPem), at: new Date(), revokedNumbers: new Set() });
    expect(verified.ok).toBe(true);
    expect((await keyEvents('psb-xian')).at(-1)).toEqual({
      type: 'approvals.SigningKeyRotated',
      payload: expect.objectContaining({ keyId: rotated.body.keyId, version: 2, retiredKeyId: oldDocument.keyId, rotatedBy: approverPrincipal('psb-xian').subject }),
    });
  });

  it("refuses another organ's approver a rotation with 403 CUSTOS_AUTH_WRONG_ORGANISATION, changing nothing (R3.1)", async () => {
    const events = (await keyEvents('psb-xian')).length;
    const res = await (await t.as(approverPrincipal('psb-yanta'))).post('/v1/organisations/psb-xian/approval-key/rotate');
    expect([res.status, res.body.code]).toEqual([403, 'CUSTOS_AUTH_WRONG_ORGANISATION']);
    expect(await keyEvents('psb-xian')).toHaveLength(events);
  });

  it('refuses to sign with 503 CUSTOS_R18_5_SIGNING_KEY_MISMATCH once the stored public key was swapped, and a new instance refuses to start', async () => {
    expect((await approve(t, 'psb-yanta', 'station-yanta')).status).toBe(200);
    // A second instance on the same database loads the key afresh.
    const second = await startApprovalsApp({ databaseUrl: t.databaseUrl });
    others.push(second);
    const attacker = generateKeyPairSync('ed25519').publicKey;
    await t.pool.query("UPDATE ap_signing_keys SET public_key_pem = $1, key_id = $2 WHERE organisation_id = 'psb-yanta' AND retired_at IS NULL", [
      attacker.export({ type: 'spki', format: 'pem' }),
      keyIdOf(attacker),
    ]);
    const cases = await t.eventCount();
    const refused = await approve(second, 'psb-yanta', 'station-yanta');
    expect([refused.status, refused.body.code, refused.body.rule]).toEqual([503, 'CUSTOS_R18_5_SIGNING_KEY_MISMATCH', 'R18.5']);
    // The delivered request opened a case; the refused approval added nothing to it.
    expect(await t.eventCount()).toBe(cases + 1);
    // What the module runs before the service answers: a start on this database fails.
    await expect(new SigningKeys(t.pool, TEST_SECRET).checkAll()).rejects.toMatchObject({
      response: expect.objectContaining({ code: 'CUSTOS_R18_5_SIGNING_KEY_MISMATCH' }),
    });
  });
});
