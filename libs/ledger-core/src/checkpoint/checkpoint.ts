/**
 * C2SP tlog-checkpoint: the text a log signs to commit to its tree at one size.
 *
 *   <origin>\n<decimal tree size>\n<base64 root hash>\n[<extension line>\n]*
 */
import { decodeBase64Strict } from '../encoding/base64';
import { HASH_SIZE } from '../merkle/hashing';
import { err, ok, Result } from '../result';

export interface Checkpoint {
  /** The log's identity; by convention also the name of the key that signs it. */
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Buffer;
  /** Opaque extra lines (NOT RECOMMENDED by the spec), kept in order. */
  readonly extensions: readonly string[];
}

export interface CheckpointError {
  readonly code: 'CHECKPOINT_MALFORMED';
  readonly message: string;
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;
// No line may be empty or hold control characters: an empty line would end the note text early.
const LINE = /^[^\x00-\x1f]+$/;

/** Builds the checkpoint text; throws on input no well-formed checkpoint can carry (a caller bug). */
export function formatCheckpoint(checkpoint: {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  readonly extensions?: readonly string[];
}): string {
  const { origin, size, rootHash, extensions = [] } = checkpoint;
  if (!LINE.test(origin)) throw new TypeError('a checkpoint origin is one non-empty line');
  if (!Number.isSafeInteger(size) || size < 0) throw new TypeError(`tree size ${size} is not a safe integer ≥ 0`);
  if (rootHash.length !== HASH_SIZE) throw new TypeError(`a root hash has ${HASH_SIZE} bytes`);
  if (!extensions.every((line) => LINE.test(line))) throw new TypeError('extension lines are non-empty single lines');
  return [origin, String(size), Buffer.from(rootHash).toString('base64'), ...extensions].map((l) => `${l}\n`).join('');
}

function malformed(message: string): Result<never, CheckpointError> {
  return err({ code: 'CHECKPOINT_MALFORMED', message });
}

/** Reads a checkpoint text (the body of a signed note, already verified). */
export function parseCheckpoint(text: string): Result<Checkpoint, CheckpointError> {
  if (!text.endsWith('\n')) return malformed('checkpoint text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) return malformed('checkpoint needs origin, tree size and root hash lines');
  if (!lines.every((line) => LINE.test(line)))
    return malformed('checkpoint lines must be non-empty, without control characters');
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  // Leading zeros or signs would give one size several spellings, and so several signed texts.
  if (!DECIMAL.test(sizeLine)) return malformed(`tree size "${sizeLine}" is not a plain decimal`);
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) return malformed(`tree size ${sizeLine} exceeds 2^53 − 1`);
  const rootHash = decodeBase64Strict(rootLine);
  if (rootHash === undefined || rootHash.length !== HASH_SIZE) {
    return malformed(`root hash "${rootLine}" is not the base64 of ${HASH_SIZE} bytes`);
  }
  return ok({ origin, size, rootHash, extensions });
}
