/**
 * C2SP signed-note: a UTF-8 text, a blank line, and one line per signature,
 *
 *   — <key name> <base64(4-byte key ID || Ed25519 signature)>
 *
 * (U+2014 em dash). The signature covers the text including its final newline. Verification
 * follows the Go reference (golang.org/x/mod/sumdb/note) so both accept the same notes.
 */
import { decodeBase64Strict } from '../encoding/base64';
import { isWellFormedText } from '../encoding/text';
import { err, ok, Result } from '../result';
import { isValidKeyName, NoteSigner, NoteVerifier } from './note-keys';

export interface NoteSignature {
  readonly name: string;
  readonly keyId: Buffer;
}

export interface VerifiedNote {
  /** The signed text, final newline included. */
  readonly text: string;
  /** Signatures by trusted keys, all verified. */
  readonly signatures: readonly NoteSignature[];
  /** Signatures by keys the caller did not name (e.g. witnesses); not checked. */
  readonly unverifiedSignatures: readonly NoteSignature[];
}

export type NoteErrorCode = 'NOTE_MALFORMED' | 'NOTE_SIGNATURE_INVALID' | 'NOTE_UNKNOWN_KEY';

export interface NoteError {
  readonly code: NoteErrorCode;
  readonly message: string;
}

const SIGNATURE_PREFIX = '\u2014 ';
const KEY_ID_SIZE = 4;
// The reference implementation's bound: parsing stays cheap whatever a note claims.
const MAX_SIGNATURES = 100;
// Text may hold newlines but no other ASCII control character.
const CONTROL = /[\x00-\x09\x0b-\x1f]/;

function isValidText(text: string): boolean {
  return isWellFormedText(text) && !CONTROL.test(text);
}

/** Signs `text` (non-empty, ending in a newline) with each signer; throws on text no note may carry. */
export function signNote(text: string, ...signers: readonly NoteSigner[]): string {
  if (text.length === 0 || !text.endsWith('\n') || !isValidText(text)) {
    throw new TypeError('note text must be non-empty UTF-8 ending in a newline, without control characters');
  }
  if (signers.length === 0) throw new TypeError('a note needs at least one signer');
  const message = Buffer.from(text, 'utf8');
  const lines = signers.map((signer) => {
    if (!isValidKeyName(signer.name)) throw new TypeError(`"${signer.name}" is not a valid key name`);
    const signature = Buffer.concat([signer.keyId, signer.sign(message)]).toString('base64');
    return `${SIGNATURE_PREFIX}${signer.name} ${signature}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

function failure(code: NoteErrorCode, message: string): Result<never, NoteError> {
  return err({ code, message });
}

function decodeNote(note: string | Uint8Array): string | undefined {
  if (typeof note === 'string') return note;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(note);
  } catch {
    return undefined;
  }
}

/**
 * Opens a signed note: accepted when at least one signature is by a key in `verifiers` and
 * every such signature verifies. Signatures by other keys are reported, not checked.
 */
export function verifyNote(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
): Result<VerifiedNote, NoteError> {
  const decoded = decodeNote(note);
  if (decoded === undefined || !isValidText(decoded)) return failure('NOTE_MALFORMED', 'note is not valid text');
  // Signature lines are never empty, so the last blank line is the one before them.
  const split = decoded.lastIndexOf('\n\n');
  if (split < 0) return failure('NOTE_MALFORMED', 'note has no blank line before its signatures');
  const text = decoded.slice(0, split + 1);
  const block = decoded.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) return failure('NOTE_MALFORMED', 'note has no signature lines');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES)
    return failure('NOTE_MALFORMED', `note has more than ${MAX_SIGNATURES} signatures`);

  const message = Buffer.from(text, 'utf8');
  const signatures: NoteSignature[] = [];
  const unverifiedSignatures: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    if (!line.startsWith(SIGNATURE_PREFIX)) return failure('NOTE_MALFORMED', `"${line}" is not a signature line`);
    const rest = line.slice(SIGNATURE_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    const blob = space < 0 ? undefined : decodeBase64Strict(rest.slice(space + 1));
    if (!isValidKeyName(name) || blob === undefined || blob.length <= KEY_ID_SIZE) {
      return failure('NOTE_MALFORMED', `"${line}" is not a signature line`);
    }
    const signature = { name, keyId: blob.subarray(0, KEY_ID_SIZE) };
    const id = `${name} ${signature.keyId.toString('hex')}`;
    // One key, one say: a repeated signature line is ignored, as in the reference.
    if (seen.has(id)) continue;
    seen.add(id);
    const verifier = verifiers.find((v) => v.name === name && v.keyId.equals(signature.keyId));
    if (verifier === undefined) {
      unverifiedSignatures.push(signature);
    } else if (verifier.verify(message, blob.subarray(KEY_ID_SIZE))) {
      signatures.push(signature);
    } else {
      return failure('NOTE_SIGNATURE_INVALID', `signature by ${id} does not verify`);
    }
  }
  if (signatures.length === 0) {
    const names = unverifiedSignatures.map((s) => `${s.name} ${s.keyId.toString('hex')}`).join(', ');
    return failure('NOTE_UNKNOWN_KEY', `note is signed by no trusted key (signed by: ${names})`);
  }
  return ok({ text, signatures, unverifiedSignatures });
}
