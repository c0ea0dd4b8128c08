import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { envelopeSignerOf, envelopeVerifier, EnvelopeSigner, generateSigningKey } from '@custos/eventstore';
import { configureEventSignatures } from './event-signing';

function anEnvelope(service: string) {
  return {
    id: randomUUID(),
    type: `${service}.SomethingHappened`,
    schemaVersion: 1,
    aggregateId: 'a-1',
    aggregateVersion: 1,
    occurredAt: '2026-01-01T00:00:00.000Z',
    actor: { subject: 'officer-1' },
    correlationId: 'c-1',
    causationId: null,
    payload: {},
    sequence: 1,
    service,
  };
}

describe('event signatures from the settings (issue 16)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custos-event-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes up and keeps one key per service in the embedded mode, pins them all, and signs what each relay publishes', () => {
    const settings = { EVENT_SIGNING_KEY: '', EVENT_TRUSTED_KEYS: '', EVENT_SIGNATURES: '' as const, EVENT_KEYS_DIR: dir, EMBEDDED_MODE: true };
    configureEventSignatures(settings, 'custody');
    configureEventSignatures(settings, 'requests');
    expect(existsSync(join(dir, 'event-signing-custody.key'))).toBe(true);
    const signed = JSON.parse(envelopeSignerOf('custody')!.sign(anEnvelope('custody')).toString('utf8'));
    expect(envelopeVerifier().check(signed)).toEqual({ ok: true, signed: true });
    // The requests key does not sign custody's events; unsigned ones pass while optional.
    const forged = JSON.parse(envelopeSignerOf('requests')!.sign(anEnvelope('custody')).toString('utf8'));
    expect(envelopeVerifier().check(forged)).toMatchObject({ ok: false });
    expect(envelopeVerifier().mode).toBe('optional');
    expect(envelopeVerifier().check(anEnvelope('custody'))).toEqual({ ok: true, signed: false });
  });

  it('requires signatures once keys are pinned by setting, and needs a key outside the embedded mode only to sign', () => {
    const storage = EnvelopeSigner.fromSetting('storage', generateSigningKey());
    configureEventSignatures(
      { EVENT_SIGNING_KEY: '', EVENT_TRUSTED_KEYS: storage.trustedKeyEntry, EVENT_SIGNATURES: '', EVENT_KEYS_DIR: dir, EMBEDDED_MODE: false },
      'ledger',
    );
    expect(envelopeSignerOf('ledger')).toBeUndefined();
    expect(envelopeVerifier().mode).toBe('required');
    expect(envelopeVerifier().check(anEnvelope('storage'))).toMatchObject({ ok: false, code: 'CUSTOS_ES_EVENT_UNSIGNED' });
    expect(envelopeVerifier().check(JSON.parse(storage.sign(anEnvelope('storage')).toString('utf8')))).toEqual({ ok: true, signed: true });
  });
});
