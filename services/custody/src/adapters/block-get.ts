import net from 'node:net';
import { Readable } from 'node:stream';

/** The body's blocks: a 1 GiB package crosses custody as 1024 chunks, not 16k of 64 KiB. */
export const BLOCK_BYTES = 1024 * 1024;
/** Room for the answer's head (an object store's is under 2 KiB); a longer head is refused. */
const HEAD_BYTES = 64 * 1024;

export interface BlockAnswer {
  readonly statusCode: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** Exactly Content-Length bytes, in blocks of up to BLOCK_BYTES; fails if the connection ends early. */
  readonly body: Readable;
}

/**
 * A plain-HTTP GET whose body the socket reads straight into blocks of BLOCK_BYTES (net's
 * `onread`): no copy out of a read buffer, no 64 KiB chunk through the HTTP parser and the
 * streams. A delivery's CPU is what limits it when custody, the object store and the reader
 * share the cores (issue 22). Only what an object store answers a presigned GET is taken: a
 * status line, headers and a body of Content-Length bytes, on a connection of its own (no
 * chunked encoding, no keep-alive). The timeout bounds the wait for the head only.
 */
export function blockGet(url: URL, timeoutMs: number): Promise<BlockAnswer> {
  if (url.protocol !== 'http:') return Promise.reject(new Error(`blockGet reads http: only, not ${url.protocol}`));
  return new Promise((resolve, reject) => new BlockRead(url, timeoutMs, resolve, reject));
}

/** One blockGet: its socket, the block being filled and how much of the body is still to come. */
class BlockRead {
  private block = Buffer.allocUnsafe(HEAD_BYTES);
  private filled = 0;
  /** Body bytes not yet read; undefined until the head is in. */
  private remaining: number | undefined;
  private body: Readable | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly socket: net.Socket;

  constructor(
    private readonly url: URL,
    timeoutMs: number,
    private readonly resolve: (answer: BlockAnswer) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.timer = setTimeout(() => this.fail(new Error(`no answer from ${url.host} within ${timeoutMs} ms`)), timeoutMs);
    this.socket = net.connect({
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(url.port || 80),
      // The socket reads into what `buffer` gives, then calls back with the count; false stops reading.
      onread: { buffer: () => this.block.subarray(this.filled), callback: (bytes) => this.read(bytes) },
    });
    this.socket.once('connect', () =>
      this.socket.write(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`),
    );
    this.socket.once('error', (error) => this.fail(error));
    this.socket.once('close', () => {
      if (this.remaining !== 0) this.fail(new Error(`the connection to ${url.host} closed with ${this.remaining ?? 'the head and all'} body bytes unread`));
    });
  }

  /** `bytes` more in the block: a full block (or the last) goes on; false holds the socket until the body is read. */
  private read(bytes: number): boolean {
    this.filled += bytes;
    if (this.remaining === undefined) {
      if (!this.takeHead()) return !this.socket.destroyed;
    } else {
      this.remaining -= bytes;
    }
    if (this.remaining! > 0 && this.filled < this.block.length) return true;
    const more = this.filled === 0 || this.body!.push(this.block.subarray(0, this.filled));
    this.filled = 0;
    if (this.remaining === 0) {
      this.body!.push(null);
      this.socket.destroy();
      return false;
    }
    // The next block is at most what is left: nothing past the body is read.
    this.block = Buffer.allocUnsafe(Math.min(BLOCK_BYTES, this.remaining!));
    return more;
  }

  /** The head, once whole: the answer is resolved, and the body bytes read with it open the first block. */
  private takeHead(): boolean {
    const end = this.block.subarray(0, this.filled).indexOf('\r\n\r\n');
    if (end < 0) {
      if (this.filled === this.block.length) this.fail(new Error(`an answer head longer than ${HEAD_BYTES} bytes from ${this.url.host}`));
      return false;
    }
    const head = headOf(this.block.toString('latin1', 0, end));
    if (typeof head === 'string') {
      this.fail(new Error(`an answer from ${this.url.host} without status or Content-Length: ${head}`));
      return false;
    }
    clearTimeout(this.timer);
    const bodyStart = end + 4;
    this.remaining = head.contentLength - (this.filled - bodyStart);
    if (this.remaining < 0) {
      this.fail(new Error(`more than Content-Length bytes from ${this.url.host}`));
      return false;
    }
    const socket = this.socket;
    this.body = new Readable({
      read: () => socket.resume(),
      destroy: (error, done) => {
        socket.destroy();
        done(error);
      },
    });
    this.resolve({ statusCode: head.statusCode, headers: head.headers, body: this.body });
    const first = Buffer.allocUnsafe(Math.min(BLOCK_BYTES, this.filled - bodyStart + this.remaining));
    this.filled = this.block.copy(first, 0, bodyStart, this.filled);
    this.block = first;
    return true;
  }

  private fail(error: Error): void {
    clearTimeout(this.timer);
    this.socket.destroy();
    if (this.body) this.body.destroy(error);
    else this.reject(error);
  }
}

/** Status, headers (names in lower case) and body length of an answer's head; its status line when it has none of them. */
function headOf(text: string): { statusCode: number; headers: Record<string, string>; contentLength: number } | string {
  const [status, ...lines] = text.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const statusCode = Number(/^HTTP\/1\.[01] (\d{3})/.exec(status)?.[1] ?? NaN);
  const length = headers['content-length'] ?? '';
  // A chunked body is no stored object's: refused rather than read as one.
  if (!Number.isInteger(statusCode) || headers['transfer-encoding'] !== undefined || !/^\d+$/.test(length)) return status;
  return { statusCode, headers, contentLength: Number(length) };
}
