import { generateNoteKeys, NoteSigner, NoteVerifier, parseSignerKey, parseVerifierKey } from '../checkpoint/note-keys';

export const ORIGIN = 'ledger.custos.test/audit';

/** One generated key pair per test file is enough; Ed25519 generation is cheap but not free. */
export function testKeys(name: string = ORIGIN): {
  signer: NoteSigner;
  verifier: NoteVerifier;
  signerKey: string;
  verifierKey: string;
} {
  const { signerKey, verifierKey } = generateNoteKeys(name);
  const signer = parseSignerKey(signerKey);
  const verifier = parseVerifierKey(verifierKey);
  if (!signer.ok || !verifier.ok) throw new Error('generated keys do not parse');
  return { signer: signer.value, verifier: verifier.value, signerKey, verifierKey };
}
