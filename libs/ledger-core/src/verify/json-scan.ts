/**
 * Just enough of a streaming JSON reader to verify a ledger export of any size in constant
 * memory: a window over a byte source, a validating skip of any value, and fast walks over
 * arrays of strings (the export's `entries` and `leafHashes`). Pure: the bytes come from a
 * `ByteSource` the caller provides (the CLI reads a file).
 */

/** Random access to bytes: a file, or a buffer in tests. */
export interface ByteSource {
  readonly size: number;
  /** Copies bytes from `position` into `into`; returns how many (0 at the end). */
  read(into: Buffer, position: number): number;
  /** All the bytes, when they are in memory: a cursor then reads them in place, copying nothing. */
  readonly whole?: Buffer;
}

/** Bytes in memory; `windowBytes` given to a cursor still makes it read them through a window (tests). */
export function bufferSource(bytes: Buffer): ByteSource {
  return { size: bytes.length, read: (into, position) => bytes.copy(into, 0, position), whole: bytes };
}

/**
 * The bytes [start, end) of `buf` as a latin1 string, through Buffer's own method when the
 * runtime has it (`toString` sorts its arguments first: a measurable share of the verifier).
 */
export const latin1Text: (buf: Buffer, start: number, end: number) => string =
  typeof (Buffer.prototype as unknown as Record<string, unknown>).latin1Slice === 'function'
    ? (buf, start, end) => (buf as unknown as { latin1Slice(s: number, e: number): string }).latin1Slice(start, end)
    : (buf, start, end) => buf.toString('latin1', start, end);

export class JsonSyntaxError extends Error {
  constructor(message: string, position: number) {
    super(`${message} at byte ${position}`);
    this.name = 'JsonSyntaxError';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const END = -1;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Small enough that a replay's two windows (entries, leaf hashes) stay in the core's cache
 * between the read that fills them and the decoding that reads them (against 4 MiB windows:
 * a few per cent less CPU per export in the median, within the shared machine's noise); a
 * longer token grows its window.
 */
const WINDOW_BYTES = 256 << 10;

/**
 * The span of a window read as one latin1 string by `nextBase64Text`: a string per element cost
 * more than the native base64 decoding of it, one per 64 KiB is a few per cent of that; and below
 * V8's large-object size (128 KiB), where each string would be a page of its own (measured: ten
 * times the cost of two smaller ones).
 */
const TEXT_BYTES = 64 << 10;

/** Where `text`'s first '-' or '_' is, or text.length. */
function firstUrlSafe(text: string): number {
  const dash = text.indexOf('-');
  const underscore = text.indexOf('_');
  return Math.min(dash === -1 ? text.length : dash, underscore === -1 ? text.length : underscore);
}

/** A sequential reader over a source, through a window that slides (and grows for long tokens). */
export class ByteCursor {
  /** The window; bytes [0, limit) are the source's [base, base + limit). */
  buf: Buffer;
  private base = 0;
  private limit = 0;
  /** Absolute position of the next byte to read. */
  pos: number;

  constructor(
    private readonly source: ByteSource,
    position = 0,
    windowBytes?: number,
  ) {
    this.pos = position;
    if (source.whole !== undefined && windowBytes === undefined) {
      // The window is the whole source: it never slides.
      this.buf = source.whole;
      this.limit = source.size;
    } else {
      this.buf = Buffer.allocUnsafe(windowBytes ?? WINDOW_BYTES);
    }
  }

  /** Window offset of absolute position `at`, once the window holds it (END past the source). */
  private at(at: number): number {
    if (at < this.base || at >= this.base + this.limit) {
      if (at >= this.source.size) return END;
      this.slide(at);
    }
    return at - this.base;
  }

  /** Reloads the window from `from`, doubling it first if asked (a token longer than the window). */
  private slide(from: number, grow = false): void {
    if (grow) this.buf = Buffer.allocUnsafe(this.buf.length * 2);
    this.text = '';
    this.base = from;
    this.limit = 0;
    while (this.limit < this.buf.length && from + this.limit < this.source.size) {
      const read = this.source.read(this.buf.subarray(this.limit), from + this.limit);
      if (read <= 0) break;
      this.limit += read;
    }
  }

  peek(): number {
    const offset = this.at(this.pos);
    return offset === END ? END : this.buf[offset];
  }

  skipWhitespace(): number {
    for (;;) {
      const byte = this.peek();
      if (!isWhitespace(byte)) return byte;
      this.pos++;
    }
  }

  expect(byte: number, what: string): void {
    if (this.skipWhitespace() !== byte) throw new JsonSyntaxError(`expected ${what}`, this.pos);
    this.pos++;
  }

  /**
   * With the cursor on an opening quote: finds the closing one and leaves the cursor after it.
   * Returns the content's window offsets [start, end), valid until the cursor moves again.
   * Escapes are only stepped over here (a quote after an odd run of backslashes).
   */
  stringSpan(): [number, number] {
    const end = this.stringEnd();
    return [this.spanStart, end];
  }

  /** Window offset where the content of the last string `stringEnd` stepped over starts. */
  spanStart = 0;

  /** As `stringSpan`, returning only the end (the start is `spanStart`): no pair allocated per string. */
  stringEnd(): number {
    const open = this.pos;
    let from = open + 1;
    for (;;) {
      const start = this.at(open);
      const searchFrom = from - this.base;
      let close = searchFrom < this.limit ? this.buf.indexOf(QUOTE, searchFrom) : -1;
      if (close >= this.limit) close = -1;
      if (close === -1) {
        if (this.base + this.limit >= this.source.size) throw new JsonSyntaxError('unterminated string', open);
        // Keep the whole string in the window: slide it to the string's start, or grow it.
        from = this.base + this.limit;
        this.slide(open, start === 0);
        continue;
      }
      let backslashes = 0;
      while (close - 1 - backslashes > start && this.buf[close - 1 - backslashes] === BACKSLASH) backslashes++;
      if (backslashes % 2 === 1) {
        from = this.base + close + 1;
        continue;
      }
      this.spanStart = start + 1;
      this.pos = this.base + close + 1;
      return close;
    }
  }

  /**
   * With the cursor on a string element's opening quote (`separated`: on the comma right before
   * it, no whitespace, as the ledger writes its arrays) whose content is `length` bytes: the
   * content's window offset, the cursor after the element; -1, the cursor unmoved, otherwise
   * (the caller's general reading then takes it). The content is not looked at: only a caller
   * that refuses quotes and backslashes in it (as base64 does) knows the element really ends
   * there, so one that refuses the content puts the cursor back and reads it the general way.
   * Saves the quote search's native call per recorded leaf hash.
   */
  nextStringOfLength(length: number, separated: boolean): number {
    let at = this.pos - this.base;
    if (at < 0 || at + length + 3 >= this.limit) return -1;
    if (separated && this.buf[at++] !== COMMA) return -1;
    if (this.buf[at] !== QUOTE || this.buf[at + length + 1] !== QUOTE) return -1;
    this.spanStart = at + 1;
    this.pos = this.base + at + length + 2;
    return at + 1;
  }

  /** How many bytes from the cursor on the window holds (0 when the cursor is outside it). */
  bytesAhead(): number {
    const at = this.pos - this.base;
    return at < 0 || at > this.limit ? 0 : this.limit - at;
  }

  /**
   * Steps over `expected[from, to)` when exactly those bytes lie at the cursor within the
   * window: one native comparison for many tokens the caller knows in advance. False, the
   * cursor unmoved, otherwise.
   */
  skipIfNext(expected: Uint8Array, from: number, to: number): boolean {
    const at = this.pos - this.base;
    if (at < 0 || at + to - from > this.limit) return false;
    if (this.buf.compare(expected, from, to, at, at + to - from) !== 0) return false;
    this.pos += to - from;
    return true;
  }

  /** Window bytes [textFrom, textFrom + text.length) as latin1 text, for `nextBase64Text`. */
  private text = '';
  private textFrom = 0;
  /** Where `text`'s first '-' or '_' is (text.length if none). */
  private urlSafeAt = 0;

  /**
   * With the cursor on a string element's opening quote (`separated`: on the comma right before
   * it, as the ledger writes its arrays, no whitespace), steps over the element and returns its
   * raw content as latin1 text, cut from one string made for many elements. Undefined, the
   * cursor unmoved, when the bytes there are anything else (whitespace, the array's end, another
   * value), the element does not lie within one such text (a long element, the window's end) or
   * it holds or follows the text's first '-' or '_' (URL-safe base64, which Node's decoder would
   * take: looked for once per text, not twice per element): the caller's general reading then
   * takes it. Escapes are not looked at: after a `\"`, the text is the content's part before it
   * (which ends in a backslash), so only a caller that refuses backslashes in the content (as
   * base64 does) knows the element really ends there.
   */
  nextBase64Text(separated: boolean): string | undefined {
    const at = this.pos - this.base;
    if (at < 0 || at >= this.limit) return undefined;
    for (let fresh = false; ; fresh = true) {
      const rel = at - this.textFrom;
      const open = separated ? rel + 1 : rel;
      if (rel >= 0 && open < this.text.length) {
        const text = this.text;
        if ((separated && text.charCodeAt(rel) !== COMMA) || text.charCodeAt(open) !== QUOTE) return undefined;
        const close = text.indexOf('"', open + 1);
        if (close !== -1) {
          // From the first such character on, the general reading (a replay stops at it anyway).
          if (this.urlSafeAt < close) return undefined;
          this.spanStart = this.textFrom + open + 1;
          this.pos = this.base + this.textFrom + close + 1;
          return text.substring(open + 1, close);
        }
      }
      if (fresh) return undefined;
      this.textFrom = at;
      this.text = latin1Text(this.buf, at, Math.min(this.limit, at + TEXT_BYTES));
      this.urlSafeAt = firstUrlSafe(this.text);
    }
  }

  /** A string token, decoded as JSON would (escapes, UTF-8). */
  readString(): string {
    if (this.skipWhitespace() !== QUOTE) throw new JsonSyntaxError('expected a string', this.pos);
    const at = this.pos;
    const [start, end] = this.stringSpan();
    const raw = this.buf.toString('utf8', start, end);
    return parseStringContent(raw, at);
  }

  /** Skips any JSON value, checking its syntax; iterative, so nesting depth costs no stack. */
  skipValue(): void {
    const open: number[] = [];
    for (;;) {
      this.skipScalarOrOpen(open);
      // After a value: close containers or move to the next member.
      for (;;) {
        if (open.length === 0) return;
        const byte = this.skipWhitespace();
        const inObject = open[open.length - 1] === OPEN_BRACE;
        if (byte === COMMA) {
          this.pos++;
          if (inObject) {
            this.readString();
            this.expect(COLON, "':'");
          }
          break;
        }
        if (byte === (inObject ? CLOSE_BRACE : CLOSE_BRACKET)) {
          this.pos++;
          open.pop();
          continue;
        }
        throw new JsonSyntaxError(`expected ',' or '${inObject ? '}' : ']'}'`, this.pos);
      }
    }
  }

  /** One scalar, or the opening of a container (pushed on `open`, with its first key read). */
  private skipScalarOrOpen(open: number[]): void {
    for (;;) {
      const byte = this.skipWhitespace();
      if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        this.pos++;
        const close = byte === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
        if (this.skipWhitespace() === close) {
          this.pos++;
          return;
        }
        open.push(byte);
        if (byte === OPEN_BRACE) {
          this.readString();
          this.expect(COLON, "':'");
        }
        continue;
      }
      if (byte === QUOTE) {
        this.readString();
        return;
      }
      this.skipLiteralOrNumber(byte);
      return;
    }
  }

  private skipLiteralOrNumber(byte: number): void {
    const start = this.pos;
    if (byte === END) throw new JsonSyntaxError('unexpected end of input', start);
    let text = '';
    for (let next = this.peek(); next !== END && /[-+.0-9a-zA-Z]/.test(String.fromCharCode(next)); next = this.peek()) {
      text += String.fromCharCode(next);
      this.pos++;
    }
    if (
      text === 'true' ||
      text === 'false' ||
      text === 'null' ||
      /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(text)
    ) {
      return;
    }
    throw new JsonSyntaxError(`unexpected ${text === '' ? `byte 0x${byte.toString(16)}` : `'${text}'`}`, start);
  }

  /** The raw bytes of the next value, parsed (for the export's small fields). */
  readValue(): unknown {
    this.skipWhitespace();
    const start = this.pos;
    this.skipValue();
    const bytes = readBytes(this.source, start, this.pos - start);
    if (bytes.length < this.pos - start)
      throw new JsonSyntaxError('the source shrank while being read', start + bytes.length);
    return JSON.parse(bytes.toString('utf8'));
  }
}

/** Up to `length` bytes of `source` from `position`: fewer only where the source ends. */
export function readBytes(source: ByteSource, position: number, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  let copied = 0;
  while (copied < length) {
    const read = source.read(bytes.subarray(copied), position + copied);
    if (read <= 0) break;
    copied += read;
  }
  return bytes.subarray(0, copied);
}

/** JSON string content (between the quotes) decoded as JSON.parse would; escapes are rare. */
export function parseStringContent(raw: string, position: number): string {
  let plain = true;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code === BACKSLASH || code < 0x20) {
      plain = false;
      break;
    }
  }
  if (plain) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    throw new JsonSyntaxError('invalid string', position);
  }
}

/** What a walk over an array found: where it starts and whether every element is a string. */
export interface ArrayInfo {
  /** Position of the '['. */
  readonly start: number;
  readonly count: number;
  readonly allStrings: boolean;
  /** Positions of elements 0, markEvery, 2·markEvery, … (where a chunk of them starts). */
  readonly marks: number[];
}

/**
 * Steps over what follows an array's element: to the next one (after the comma), or out of the
 * array (after the ']', returning false).
 */
export function stepToNextElement(cursor: ByteCursor): boolean {
  const separator = cursor.skipWhitespace();
  cursor.pos++;
  if (separator === CLOSE_BRACKET) return false;
  if (separator !== COMMA) throw new JsonSyntaxError("expected ',' or ']'", cursor.pos - 1);
  return true;
}

/** Returned by `readElement` for an element that is not a string. */
export const NOT_A_STRING = -1;

/**
 * Reads the array element at the cursor: a string's content end (its start is
 * `cursor.spanStart`), or NOT_A_STRING after skipping any other value.
 */
export function readElement(cursor: ByteCursor): number {
  if (cursor.skipWhitespace() === QUOTE) return cursor.stringEnd();
  cursor.skipValue();
  return NOT_A_STRING;
}

/**
 * Opens the array at the cursor: false, the cursor after it, when it is empty; otherwise true,
 * the cursor on its first element.
 */
export function openArray(cursor: ByteCursor): boolean {
  cursor.expect(OPEN_BRACKET, "'['");
  if (cursor.skipWhitespace() !== CLOSE_BRACKET) return true;
  cursor.pos++;
  return false;
}

/**
 * Walks the array at the cursor, counting its elements, fast over strings (their content is
 * checked later, when it is used).
 */
export function walkArray(cursor: ByteCursor, markEvery = Infinity): ArrayInfo {
  const start = cursor.pos;
  let count = 0;
  let allStrings = true;
  const marks: number[] = [];
  if (openArray(cursor)) {
    do {
      if (count % markEvery === 0) marks.push((cursor.skipWhitespace(), cursor.pos));
      if (readElement(cursor) === NOT_A_STRING) allStrings = false;
      count++;
    } while (stepToNextElement(cursor));
  }
  return { start, count, allStrings, marks };
}

/**
 * Steps to the next string element of an array already walked (so known to hold only strings)
 * and returns its content's window offsets; the cursor starts after the '['.
 */
export function nextStringElement(cursor: ByteCursor): [number, number] {
  const end = nextStringEnd(cursor);
  return [cursor.spanStart, end];
}

/** As `nextStringElement`, returning only the end; the start is then `cursor.spanStart`. */
export function nextStringEnd(cursor: ByteCursor): number {
  while (cursor.peek() !== QUOTE) cursor.pos++;
  return cursor.stringEnd();
}

/** A top-level object read member by member: `onMember` reads the value or skips it. */
export function readObject(cursor: ByteCursor, onMember: (key: string) => void): void {
  cursor.expect(OPEN_BRACE, "'{'");
  if (cursor.skipWhitespace() === CLOSE_BRACE) {
    cursor.pos++;
  } else {
    for (;;) {
      const key = cursor.readString();
      cursor.expect(COLON, "':'");
      cursor.skipWhitespace();
      onMember(key);
      const byte = cursor.skipWhitespace();
      cursor.pos++;
      if (byte === CLOSE_BRACE) break;
      if (byte !== COMMA) throw new JsonSyntaxError("expected ',' or '}'", cursor.pos - 1);
    }
  }
  if (cursor.skipWhitespace() !== END) throw new JsonSyntaxError('unexpected data after the JSON value', cursor.pos);
}

export const JSON_BYTES = { QUOTE, OPEN_BRACKET, OPEN_BRACE, END } as const;
