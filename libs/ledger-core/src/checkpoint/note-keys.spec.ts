import {
  encodeVerifierKey,
  generateNoteKeys,
  isValidKeyName,
  noteKeyId,
  parseSignerKey,
  parseVerifierKey,
} from './note-keys';

// The example key of the Go reference implementation (golang.org/x/mod/sumdb/note).
const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';

describe('signed-note keys', () => {
  it('derives the reference key ID and verifier key from the reference signer key', () => {
    const signer = parseSignerKey(SKEY);
    expect(signer.ok && signer.value.keyId.toString('hex')).toBe('c74f20a3');
    expect(signer.ok && signer.value.verifierKey).toBe(VKEY);
    const publicKey = Buffer.from(VKEY.split('+')[2], 'base64').subarray(1);
    expect(noteKeyId('PeterNeumann', publicKey).toString('hex')).toBe('c74f20a3');
    expect(encodeVerifierKey('PeterNeumann', publicKey)).toBe(VKEY);
  });

  it('generates a key pair whose verifier checks what its signer signs', () => {
    const { signerKey, verifierKey } = generateNoteKeys('ledger.example/log');
    const signer = parseSignerKey(signerKey);
    const verifier = parseVerifierKey(verifierKey);
    if (!signer.ok || !verifier.ok) throw new Error('generated keys must parse');
    expect(signer.value.verifierKey).toBe(verifierKey);
    expect(verifier.value.keyId).toEqual(signer.value.keyId);
    const message = Buffer.from('hello\n');
    expect(verifier.value.verify(message, signer.value.sign(message))).toBe(true);
    expect(verifier.value.verify(Buffer.from('hullo\n'), signer.value.sign(message))).toBe(false);
  });

  it.each([
    ['a key ID that does not match', 'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['another name for the same key', 'PaulNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['an unknown algorithm', 'PeterNeumann+c74f20a3+Ahpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['a short key', 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy'],
    ['a missing field', 'PeterNeumann+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['a short key ID', 'PeterNeumann+c74f20+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['a trailing newline', `${VKEY}\n`],
  ])('refuses a verifier key with %s', (_label, vkey) => {
    expect(parseVerifierKey(vkey)).toMatchObject({ ok: false, error: { code: 'KEY_MALFORMED' } });
  });

  it('refuses signer keys that are not PRIVATE+KEY or whose key ID does not match', () => {
    expect(parseSignerKey(SKEY.replace('PRIVATE+KEY', 'PUBLIC+KEY')).ok).toBe(false);
    expect(parseSignerKey(SKEY.replace('c74f20a3', 'c74f20a4')).ok).toBe(false);
    expect(parseSignerKey(VKEY).ok).toBe(false);
  });

  it('allows no white space or plus sign in a key name', () => {
    expect(['a b', 'a+b', '', 'a\u00a0b', 'a\u2003b'].map(isValidKeyName)).toEqual([false, false, false, false, false]);
    expect(['example.com/log', 'Петр', '🔑'].map(isValidKeyName)).toEqual([true, true, true]);
    expect(() => generateNoteKeys('bad name')).toThrow(TypeError);
  });
});
