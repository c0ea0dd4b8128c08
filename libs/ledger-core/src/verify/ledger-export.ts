/** The ledger export an oversight body verifies offline, and its decoding from untrusted JSON. */
import { NoteVerifier, parseVerifierKey } from '../checkpoint/note-keys';
import { decodeBase64Strict } from '../encoding/base64';
import { HASH_SIZE, leafHash } from '../merkle/hashing';
import { err, ok, Result } from '../result';
import { Divergence } from './divergence';
import { isRecord, isStringArray } from './json-shape';

/** The whole audit ledger, as the ledger service exports it (JSON). */
export interface LedgerExport {
  /** The log's origin, as in every checkpoint. */
  readonly origin: string;
  /** The log's C2SP verifier key: `<name>+<hex key ID>+<base64(0x01 || public key)>`. */
  readonly publicKey: string;
  /** Every leaf entry in log order, base64 of the exact bytes that were hashed. */
  readonly entries: readonly string[];
  /** Signed checkpoint notes, in the order they were published. */
  readonly checkpoints: readonly string[];
  /**
   * Optional: the leaf hash (base64) the ledger recorded for each entry when it was appended.
   * When given, an entry changed afterwards is named exactly (LEDGER_ENTRY_MISMATCH) instead
   * of only narrowed to a checkpoint interval.
   */
  readonly leafHashes?: readonly string[];
}

/** An export whose JSON is well-formed, with every entry already hashed. */
export interface DecodedLedgerExport {
  readonly origin: string;
  readonly publicKey: string;
  readonly verifier: NoteVerifier;
  readonly size: number;
  leafHash(index: number): Buffer;
  /** The recorded leaf hash, when the export carries them. */
  recordedLeafHash(index: number): Buffer | undefined;
  readonly checkpoints: readonly string[];
}

function malformed(message: string, entryIndex?: number): Result<never, Divergence> {
  return err({ code: 'EXPORT_MALFORMED', message, ...(entryIndex === undefined ? {} : { entryIndex }) });
}

/** Hashes packed into one buffer: a million entries stay one allocation, not a million. */
function packed(count: number): { bytes: Buffer; at: (index: number) => Buffer } {
  const bytes = Buffer.allocUnsafe(count * HASH_SIZE);
  return { bytes, at: (index) => bytes.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE) };
}

export function decodeLedgerExport(json: unknown): Result<DecodedLedgerExport, Divergence> {
  if (!isRecord(json)) return malformed('a ledger export is a JSON object');
  const { origin, publicKey, entries, checkpoints, leafHashes } = json;
  if (typeof origin !== 'string' || origin.length === 0) return malformed('origin must be a non-empty string');
  if (typeof publicKey !== 'string') return malformed('publicKey must be a verifier key string');
  if (!isStringArray(entries)) return malformed('entries must be an array of base64 strings');
  if (!isStringArray(checkpoints)) return malformed('checkpoints must be an array of signed notes');
  if (leafHashes !== undefined && (!isStringArray(leafHashes) || leafHashes.length !== entries.length)) {
    return malformed('leafHashes, when present, must hold one base64 hash per entry');
  }
  const verifier = parseVerifierKey(publicKey);
  if (!verifier.ok) return err({ code: 'PUBLIC_KEY_MALFORMED', message: verifier.error.message });

  const computed = packed(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const entry = decodeBase64Strict(entries[i]);
    if (entry === undefined) return malformed(`entry ${i} is not base64`, i);
    leafHash(entry).copy(computed.bytes, i * HASH_SIZE);
  }
  let recorded: ((index: number) => Buffer) | undefined;
  if (leafHashes !== undefined) {
    const hashes = packed(entries.length);
    for (let i = 0; i < leafHashes.length; i++) {
      const hash = decodeBase64Strict(leafHashes[i]);
      if (hash === undefined || hash.length !== HASH_SIZE)
        return malformed(`leaf hash ${i} is not a base64 SHA-256`, i);
      hash.copy(hashes.bytes, i * HASH_SIZE);
    }
    recorded = hashes.at;
  }
  return ok({
    origin,
    publicKey,
    verifier: verifier.value,
    size: entries.length,
    leafHash: computed.at,
    recordedLeafHash: (index) => recorded?.(index),
    checkpoints,
  });
}
