import { testKeys } from '../test-support/keys';
import { parseSignerKey, parseVerifierKey } from './note-keys';
import { signNote, verifyNote } from './signed-note';

const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const SIGNED = `${TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const peter = { signer: unwrap(parseSignerKey(SKEY)), verifier: unwrap(parseVerifierKey(VKEY)) };
const other = testKeys('PeterNeumann');
const stranger = testKeys('someone.else/log');

describe('signed notes', () => {
  it('signs the reference note byte for byte as the Go implementation does', () => {
    expect(signNote(TEXT, peter.signer)).toBe(SIGNED);
  });

  it('round-trips: a signed note verifies and yields its text', () => {
    expect(verifyNote(SIGNED, [peter.verifier])).toEqual({
      ok: true,
      value: {
        text: TEXT,
        signatures: [{ name: 'PeterNeumann', keyId: peter.verifier.keyId }],
        unverifiedSignatures: [],
      },
    });
    expect(verifyNote(Buffer.from(SIGNED, 'utf8'), [peter.verifier]).ok).toBe(true);
  });

  it('fails when any byte of the text changes', () => {
    for (let i = 0; i < TEXT.length; i++) {
      const bytes = Buffer.from(SIGNED, 'utf8');
      bytes[i] ^= 0x01;
      const result = verifyNote(bytes, [peter.verifier]);
      expect(result.ok).toBe(false);
    }
    const tampered = SIGNED.replace('answer', 'Answer');
    expect(verifyNote(tampered, [peter.verifier])).toMatchObject({
      ok: false,
      error: { code: 'NOTE_SIGNATURE_INVALID' },
    });
  });

  it('fails when the signature itself is altered', () => {
    const tampered = SIGNED.replace('x08go/ZJ', 'x08go/ZK');
    expect(verifyNote(tampered, [peter.verifier])).toMatchObject({
      ok: false,
      error: { code: 'NOTE_SIGNATURE_INVALID' },
    });
  });

  it('does not accept a note signed by another key under the same name', () => {
    const forged = signNote(TEXT, other.signer);
    expect(verifyNote(forged, [peter.verifier])).toMatchObject({ ok: false, error: { code: 'NOTE_UNKNOWN_KEY' } });
  });

  it('does not accept a note signed only by an unknown key name, and names the signer', () => {
    const result = verifyNote(signNote(TEXT, stranger.signer), [peter.verifier]);
    expect(result).toMatchObject({ ok: false, error: { code: 'NOTE_UNKNOWN_KEY' } });
    expect(!result.ok && result.error.message).toContain('someone.else/log');
  });

  it('accepts a trusted signature beside signatures by unknown keys, and reports those', () => {
    const cosigned = signNote(TEXT, stranger.signer, peter.signer);
    const result = unwrap(verifyNote(cosigned, [peter.verifier]));
    expect(result.signatures.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(result.unverifiedSignatures.map((s) => s.name)).toEqual(['someone.else/log']);
  });

  it.each([
    ['no signature block', TEXT],
    [
      'no blank line',
      `${TEXT}— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
    ],
    ['a hyphen instead of the em dash', SIGNED.replace('—', '-')],
    ['no final newline', SIGNED.slice(0, -1)],
    ['a signature of only a key ID', `${TEXT}\n— PeterNeumann x08gow==\n`],
    ['a name with a plus sign', SIGNED.replace('— PeterNeumann', '— Peter+Neumann')],
    ['a tab in the text', SIGNED.replace('answer to', 'answer\tto')],
    ['invalid UTF-8', Buffer.concat([Buffer.from([0xff]), Buffer.from(SIGNED)])],
    ['a lone surrogate', SIGNED.replace('answer', 'answer\ud800')],
    ['more than 100 signatures', `${SIGNED}${'— x AAAAAAAA\n'.repeat(100)}`],
  ])('refuses a malformed note with %s', (_label, note) => {
    expect(verifyNote(note, [peter.verifier])).toMatchObject({ ok: false, error: { code: 'NOTE_MALFORMED' } });
  });

  it('refuses to sign text that no verifier would accept', () => {
    expect(() => signNote('no newline', peter.signer)).toThrow(TypeError);
    expect(() => signNote('', peter.signer)).toThrow(TypeError);
    expect(() => signNote('bell \u0007\n', peter.signer)).toThrow(TypeError);
    expect(() => signNote(TEXT)).toThrow(TypeError);
  });
});
