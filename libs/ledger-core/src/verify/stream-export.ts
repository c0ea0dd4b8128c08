/**
 * The ledger-export verification of verify-export.ts, streamed: the export is read from a
 * `ByteSource` in two passes, in memory bounded by the window, the checkpoints and O(log n)
 * hashes, whatever the number of entries (the in-memory verifier holds every entry, twice).
 *
 * 1. Index: the top-level object's small fields are parsed; `entries` and `leafHashes` are
 *    walked (syntax, element count, all strings) and their positions kept.
 * 2. Replay: entries and their recorded leaf hashes are read side by side, each entry decoded
 *    into one reused buffer and hashed, and fed to `LeafReplay`.
 *
 * It reports exactly what `verifyLedgerExport` reports for the same JSON, with the same
 * precedence: an unreadable entry anywhere before an unreadable leaf hash, both before the
 * checkpoint checks, those before the replay. So once a divergence is found, the rest is still
 * read to make sure no unreadable element comes first in that order (cheaply: decoded, not
 * hashed). One difference: an element string that is not valid JSON inside (a raw control
 * character, a bad escape) is reported as that element being malformed (EXPORT_MALFORMED)
 * rather than the whole file not being JSON; both are unreadable input.
 */
import { BASE64_HASH_LENGTH, checkExportShape, ExportShape } from './ledger-export';
import { decodeBase64StrictInto } from '../encoding/base64';
import { HASH_SIZE, LEAF_PREFIX, sha256String } from '../merkle/hashing';
import { err, ok, Result } from '../result';
import { Divergence } from './divergence';
import {
  ArrayInfo,
  ByteCursor,
  ByteSource,
  latin1Text,
  nextStringElement,
  parseStringContent,
  readObject,
  walkArray,
} from './json-scan';
import { HashSpelling, LeafReplay } from './leaf-replay';
import { VerifyOptions } from './trusted-key';
import { checkExportHeader, LedgerExportSummary, summarizeExport } from './verify-export';

/** A streamed file's top level, when it is an object whose `entries` is an array. */
export interface ExportIndex {
  readonly shape: ExportShape;
  readonly entries: ArrayInfo;
  readonly leafHashes?: ArrayInfo;
}

const SMALL_FIELDS = new Set(['origin', 'publicKey', 'checkpoints']);

/**
 * Pass 1. Undefined when the top level is not an object with an `entries` array (an evidence
 * bundle, or not an export at all: the caller reads such files whole). Throws JsonSyntaxError.
 * As with JSON.parse, a key given twice counts with its last value.
 */
export function indexLedgerExport(source: ByteSource, windowBytes?: number): ExportIndex | undefined {
  const cursor = new ByteCursor(source, 0, windowBytes);
  if (cursor.skipWhitespace() !== 0x7b) return undefined;
  const small = new Map<string, unknown>();
  const arrays = new Map<string, ArrayInfo | undefined>();
  readObject(cursor, (key) => {
    if (key === 'entries' || key === 'leafHashes') {
      if (cursor.peek() === 0x5b) {
        arrays.set(key, walkArray(cursor));
      } else {
        arrays.set(key, undefined);
        cursor.skipValue();
      }
    } else if (SMALL_FIELDS.has(key)) {
      small.set(key, cursor.readValue());
    } else {
      cursor.skipValue();
    }
  });
  const entries = arrays.get('entries');
  if (entries === undefined) return undefined;
  const leafHashes = arrays.get('leafHashes');
  const shapeOf = (info: ArrayInfo | undefined) =>
    info === undefined ? { strings: false, count: 0 } : { strings: info.allStrings, count: info.count };
  return {
    shape: {
      origin: small.get('origin'),
      publicKey: small.get('publicKey'),
      checkpoints: small.get('checkpoints'),
      entries: shapeOf(entries),
      leafHashes: arrays.has('leafHashes') ? shapeOf(leafHashes) : undefined,
    },
    entries,
    ...(leafHashes === undefined ? {} : { leafHashes }),
  };
}

/** Reads one array's string elements in order, each as the text JSON.parse would give. */
class StringElements {
  private readonly cursor: ByteCursor;

  constructor(source: ByteSource, info: ArrayInfo, windowBytes?: number) {
    this.cursor = new ByteCursor(source, info.start + 1, windowBytes);
  }

  /** The next element's raw text (bytes as latin1; JSON escapes unresolved, see `unescaped`). */
  next(): string {
    const [start, end] = nextStringElement(this.cursor);
    return latin1Text(this.cursor.buf, start, end);
  }
}

/** The text of a string element that has JSON escapes, resolved; undefined when it has none or bad ones. */
function unescaped(raw: string): string | undefined {
  if (raw.indexOf('\\') === -1) return undefined;
  try {
    // The raw bytes were read as latin1; JSON text is UTF-8.
    return parseStringContent(Buffer.from(raw, 'latin1').toString('utf8'), 0);
  } catch {
    return undefined;
  }
}

function malformedEntry(index: number): Divergence {
  return { code: 'EXPORT_MALFORMED', message: `entry ${index} is not base64`, entryIndex: index };
}

function malformedHash(index: number): Divergence {
  return { code: 'EXPORT_MALFORMED', message: `leaf hash ${index} is not a base64 SHA-256`, entryIndex: index };
}

/** Decodes entries right after the leaf prefix in one reused, growing buffer. */
class LeafInput {
  private buf = Buffer.allocUnsafe(1 << 16);
  private readonly views = new Map<number, Buffer>();

  /** The leaf hash input for `text`, or undefined when `text` is not canonical base64. */
  decode(text: string): Buffer | undefined {
    if (this.buf.length < 1 + text.length) {
      this.buf = Buffer.allocUnsafe(2 * text.length);
      this.views.clear();
    }
    this.buf[0] = LEAF_PREFIX;
    let length = decodeBase64StrictInto(text, this.buf, 1);
    if (length < 0) {
      const text2 = unescaped(text);
      if (text2 === undefined) return undefined;
      if (this.buf.length < 1 + text2.length) return this.decode(text2);
      length = decodeBase64StrictInto(text2, this.buf, 1);
      if (length < 0) return undefined;
    }
    // Views by length, so that hashing a batch of similar entries allocates nothing.
    let view = this.views.get(1 + length);
    if (view === undefined) {
      if (this.views.size > 4096) this.views.clear();
      view = this.buf.subarray(0, 1 + length);
      this.views.set(1 + length, view);
    }
    return view;
  }
}

/** Whether a recorded leaf hash is canonical base64 of 32 bytes. */
function isBase64Hash(text: string, scratch: Buffer): boolean {
  return text.length === BASE64_HASH_LENGTH && decodeBase64StrictInto(text, scratch, 0) === HASH_SIZE;
}

/**
 * Pass 2: verifies an export indexed by `indexLedgerExport`, as `verifyLedgerExport` (or, with
 * `trustedNote`, `verifyAgainstTrustedCheckpoint`) would verify the parsed file.
 */
export function verifyIndexedExport(
  source: ByteSource,
  index: ExportIndex,
  options: VerifyOptions = {},
  trustedNote?: string,
  /** The read window of each pass (tests make it tiny). */
  windowBytes?: number,
): Result<LedgerExportSummary, Divergence> {
  const fields = checkExportShape(index.shape);
  if (!fields.ok) return fields;
  const header = checkExportHeader(fields.value, trustedNote, options);
  const entries = new StringElements(source, index.entries, windowBytes);
  const recorded =
    index.leafHashes === undefined ? undefined : new StringElements(source, index.leafHashes, windowBytes);
  // With recorded hashes, leaves are hashed straight to base64 and compared as text.
  const spelling: HashSpelling = recorded === undefined ? 'binary' : 'base64';
  const replay = header.ok ? new LeafReplay(header.value, spelling) : undefined;
  const input = new LeafInput();
  const scratch = Buffer.allocUnsafe(HASH_SIZE + 3);
  let divergence: Divergence | undefined = header.ok ? undefined : header.error;
  let unreadableHash: number | undefined;

  for (let i = 0; i < fields.value.size; i++) {
    const leafInput = input.decode(entries.next());
    if (leafInput === undefined) return err(malformedEntry(i));
    const recordedText = recorded?.next();
    if (divergence !== undefined || unreadableHash !== undefined) {
      // Only looking for an unreadable element now (see the file comment).
      if (unreadableHash === undefined && recordedText !== undefined && !isRecordedHash(recordedText, scratch)) {
        unreadableHash = i;
      }
      continue;
    }
    const leaf = sha256String(leafInput, spelling);
    let matches = true;
    if (recordedText !== undefined && leaf !== recordedText) {
      const text = isBase64Hash(recordedText, scratch) ? recordedText : unescaped(recordedText);
      if (text === undefined || !isBase64Hash(text, scratch)) {
        unreadableHash = i;
        continue;
      }
      matches = leaf === text;
    }
    divergence = (replay as LeafReplay).push(leaf, matches);
  }
  if (unreadableHash !== undefined) return err(malformedHash(unreadableHash));
  if (divergence !== undefined || !header.ok || replay === undefined) return err(divergence as Divergence);
  const root = replay.finish();
  return root.ok ? ok(summarizeExport(fields.value, header.value, root.value)) : root;
}

function isRecordedHash(text: string, scratch: Buffer): boolean {
  if (isBase64Hash(text, scratch)) return true;
  const resolved = unescaped(text);
  return resolved !== undefined && isBase64Hash(resolved, scratch);
}
