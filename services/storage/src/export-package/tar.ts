/**
 * Just enough POSIX ustar to write and read an export package as a stream: regular files
 * only, names up to 255 bytes (name + prefix), sizes beyond 8 GiB in the GNU base-256 form.
 * Any `tar` reads the result.
 */
export const BLOCK = 512;
const OCTAL_SIZE_LIMIT = 8 ** 11;

function writeString(block: Buffer, offset: number, length: number, value: string): void {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > length) throw new RangeError(`tar field too long: ${value}`);
  bytes.copy(block, offset);
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  writeString(block, offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
}

function writeSize(block: Buffer, size: number): void {
  if (size < OCTAL_SIZE_LIMIT) return writeOctal(block, 124, 12, size);
  // GNU base-256: high bit set, big-endian binary in the remaining bytes.
  block[124] = 0x80;
  let rest = BigInt(size);
  for (let i = 135; i > 124; i--) {
    block[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
}

function splitName(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { name, prefix };
  }
  throw new RangeError(`tar path too long: ${path}`);
}

/** The 512-byte header of a regular file. */
export function tarHeader(path: string, size: number, mtime: Date): Buffer {
  const block = Buffer.alloc(BLOCK);
  const { name, prefix } = splitName(path);
  writeString(block, 0, 100, name);
  writeOctal(block, 100, 8, 0o444);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeSize(block, size);
  writeOctal(block, 136, 12, Math.floor(mtime.getTime() / 1000));
  block.fill(0x20, 148, 156);
  block[156] = 0x30; // '0': regular file
  writeString(block, 257, 6, 'ustar\0');
  writeString(block, 263, 2, '00');
  writeString(block, 345, 155, prefix);
  let sum = 0;
  for (const byte of block) sum += byte;
  writeString(block, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return block;
}

/** Zero bytes completing a file's last block. */
export function tarPadding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest);
}

/** Two zero blocks end an archive. */
export const TAR_END = Buffer.alloc(2 * BLOCK);

export interface TarEntryHeader {
  readonly path: string;
  readonly size: number;
  readonly type: string;
}

function readString(block: Buffer, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

function readSize(block: Buffer): number {
  if (block[124] & 0x80) {
    let value = 0n;
    for (let i = 125; i < 136; i++) value = (value << 8n) | BigInt(block[i]);
    return Number(value);
  }
  const text = readString(block, 124, 12).trim();
  const size = parseInt(text || '0', 8);
  if (!Number.isSafeInteger(size) || size < 0) throw new Error('tar: bad size field');
  return size;
}

export function parseTarHeader(block: Buffer): TarEntryHeader {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i];
  if (parseInt(readString(block, 148, 8).trim(), 8) !== sum) throw new Error('tar: header checksum mismatch');
  const name = readString(block, 0, 100);
  const prefix = readString(block, 345, 155);
  return {
    path: prefix ? `${prefix}/${name}` : name,
    size: readSize(block),
    type: String.fromCharCode(block[156] || 0x30),
  };
}

export interface TarVisitor {
  entry(header: TarEntryHeader): void;
  data(chunk: Buffer): void;
  end(): void;
}

/**
 * Reads a tar stream chunk by chunk and tells the visitor each entry's header, data and end;
 * holds at most one header block, whatever the archive's size.
 */
export async function readTar(stream: AsyncIterable<Buffer>, visitor: TarVisitor): Promise<void> {
  let header = Buffer.alloc(0);
  let remaining = 0;
  let padding = 0;
  let inEntry = false;
  let ended = false;
  for await (const raw of stream) {
    let chunk: Buffer = raw;
    while (chunk.length > 0 && !ended) {
      if (inEntry && remaining > 0) {
        const take = Math.min(remaining, chunk.length);
        visitor.data(chunk.subarray(0, take));
        remaining -= take;
        chunk = chunk.subarray(take);
        if (remaining === 0) {
          visitor.end();
          inEntry = false;
        }
        continue;
      }
      if (padding > 0) {
        const take = Math.min(padding, chunk.length);
        padding -= take;
        chunk = chunk.subarray(take);
        continue;
      }
      const take = Math.min(BLOCK - header.length, chunk.length);
      header = Buffer.concat([header, chunk.subarray(0, take)]);
      chunk = chunk.subarray(take);
      if (header.length < BLOCK) continue;
      const block = header;
      header = Buffer.alloc(0);
      if (block.every((b) => b === 0)) {
        ended = true;
        break;
      }
      const parsed = parseTarHeader(block);
      visitor.entry(parsed);
      remaining = parsed.size;
      padding = tarPadding(parsed.size).length;
      if (remaining === 0) visitor.end();
      else inEntry = true;
    }
  }
  if (!ended) throw new Error('tar: archive ends without its end-of-archive blocks');
  if (inEntry) throw new Error('tar: archive ends inside an entry');
}
