/** The ledger export an oversight body verifies offline, and its decoding from untrusted JSON. */
import { NoteVerifier, parseVerifierKey } from '../checkpoint/note-keys';
import { decodeBase64StrictInto } from '../encoding/base64';
import { HASH_SIZE, LEAF_PREFIX, sha256String } from '../merkle/hashing';
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

/** Length of a SHA-256 in padded base64. */
export const BASE64_HASH_LENGTH = 44;

function malformed(message: string, entryIndex?: number): Result<never, Divergence> {
  return err({ code: 'EXPORT_MALFORMED', message, ...(entryIndex === undefined ? {} : { entryIndex }) });
}

/** Hashes packed into one buffer: a million entries stay one allocation, not a million. */
function packed(count: number): { bytes: Buffer; at: (index: number) => Buffer } {
  const bytes = Buffer.allocUnsafe(count * HASH_SIZE);
  return { bytes, at: (index) => bytes.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE) };
}

/** An array field as the export's reader found it: whether every element is a string, and how many. */
export interface ArrayShape {
  readonly strings: boolean;
  readonly count: number;
}

/** The export's fields before its entries are read: parsed JSON, or a streamed file's index. */
export interface ExportShape {
  readonly origin: unknown;
  readonly publicKey: unknown;
  readonly entries: ArrayShape;
  readonly checkpoints: unknown;
  /** Undefined when the export has no `leafHashes`. */
  readonly leafHashes: ArrayShape | undefined;
}

export interface ExportFields {
  readonly origin: string;
  readonly publicKey: string;
  readonly verifier: NoteVerifier;
  readonly size: number;
  readonly checkpoints: readonly string[];
}

function arrayShape(value: unknown): ArrayShape {
  return { strings: isStringArray(value), count: Array.isArray(value) ? value.length : 0 };
}

/** The checks on an export's shape, in the order the verifier reports them, and its key. */
export function checkExportShape(shape: ExportShape): Result<ExportFields, Divergence> {
  const { origin, publicKey, entries, checkpoints, leafHashes } = shape;
  if (typeof origin !== 'string' || origin.length === 0) return malformed('origin must be a non-empty string');
  if (typeof publicKey !== 'string') return malformed('publicKey must be a verifier key string');
  if (!entries.strings) return malformed('entries must be an array of base64 strings');
  if (!isStringArray(checkpoints)) return malformed('checkpoints must be an array of signed notes');
  if (leafHashes !== undefined && (!leafHashes.strings || leafHashes.count !== entries.count)) {
    return malformed('leafHashes, when present, must hold one base64 hash per entry');
  }
  const verifier = parseVerifierKey(publicKey);
  if (!verifier.ok) return err({ code: 'PUBLIC_KEY_MALFORMED', message: verifier.error.message });
  return ok({ origin, publicKey, verifier: verifier.value, size: entries.count, checkpoints });
}

export function decodeLedgerExport(json: unknown): Result<DecodedLedgerExport, Divergence> {
  if (!isRecord(json)) return malformed('a ledger export is a JSON object');
  const { entries, leafHashes } = json;
  const shape = checkExportShape({
    origin: json.origin,
    publicKey: json.publicKey,
    entries: arrayShape(entries),
    checkpoints: json.checkpoints,
    leafHashes: leafHashes === undefined ? undefined : arrayShape(leafHashes),
  });
  if (!shape.ok) return shape;
  const { origin, publicKey, verifier, checkpoints } = shape.value;
  // Checked by checkExportShape; narrowed again for the compiler.
  if (!isStringArray(entries) || (leafHashes !== undefined && !isStringArray(leafHashes))) {
    return malformed('entries must be an array of base64 strings');
  }

  // Each entry is decoded into one reused buffer, right after the leaf prefix, and hashed there.
  const computed = packed(entries.length);
  let input = Buffer.allocUnsafe(4096);
  for (let i = 0; i < entries.length; i++) {
    const text = entries[i];
    if (input.length < 1 + text.length) input = Buffer.allocUnsafe(2 * text.length);
    input[0] = LEAF_PREFIX;
    const length = decodeBase64StrictInto(text, input, 1);
    if (length < 0) return malformed(`entry ${i} is not base64`, i);
    computed.bytes.write(sha256String(input.subarray(0, 1 + length), 'binary'), i * HASH_SIZE, 'binary');
  }
  let recorded: ((index: number) => Buffer) | undefined;
  if (leafHashes !== undefined) {
    const hashes = packed(entries.length);
    for (let i = 0; i < leafHashes.length; i++) {
      const text = leafHashes[i];
      // 44 characters is exactly one SHA-256 in base64; checked first, so a longer one cannot spill.
      if (text.length !== BASE64_HASH_LENGTH || decodeBase64StrictInto(text, hashes.bytes, i * HASH_SIZE) !== HASH_SIZE)
        return malformed(`leaf hash ${i} is not a base64 SHA-256`, i);
    }
    recorded = hashes.at;
  }
  return ok({
    origin,
    publicKey,
    verifier,
    size: entries.length,
    leafHash: computed.at,
    recordedLeafHash: (index) => recorded?.(index),
    checkpoints,
  });
}
