import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTar, TAR_END, tarHeader, tarPadding } from './tar';

function archive(files: Array<[string, Buffer]>): Buffer {
  const mtime = new Date('2026-02-15T10:00:00Z');
  return Buffer.concat([
    ...files.flatMap(([path, body]) => [tarHeader(path, body.length, mtime), body, tarPadding(body.length)]),
    TAR_END,
  ]);
}

async function* inPieces(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function entries(bytes: Buffer, pieceSize: number): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  let current: Buffer[] = [];
  let path = '';
  await readTar(inPieces(bytes, pieceSize), {
    entry: (h) => {
      path = h.path;
      current = [];
    },
    data: (c) => current.push(Buffer.from(c)),
    end: () => out.push([path, Buffer.concat(current).toString()]),
  });
  return out;
}

const longPath = `footage/${'c'.repeat(90)}/${'s'.repeat(90)}.mp4`;
const files: Array<[string, Buffer]> = [
  ['a.txt', Buffer.from('hello')],
  ['empty', Buffer.alloc(0)],
  ['block.bin', Buffer.alloc(512, 7)],
  [longPath, Buffer.from('long name')],
];

describe('streaming tar', () => {
  it.each([1, 7, 512, 100000])('reads back what it wrote, fed %i bytes at a time', async (piece) => {
    expect(await entries(archive(files), piece)).toEqual(files.map(([p, b]) => [p, b.toString()]));
  });

  it('writes archives the system tar reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tar-spec-'));
    try {
      writeFileSync(join(dir, 'x.tar'), archive(files));
      const listed = execFileSync('tar', ['-tf', join(dir, 'x.tar')], { encoding: 'utf8' })
        .trim()
        .split('\n');
      expect(listed).toEqual(files.map(([p]) => p));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a header whose checksum does not match', async () => {
    const bytes = archive(files);
    bytes[0] ^= 1;
    await expect(entries(bytes, 512)).rejects.toThrow(/checksum/);
  });

  it('refuses an archive cut short', async () => {
    const bytes = archive(files);
    await expect(entries(bytes.subarray(0, bytes.length - 1024), 512)).rejects.toThrow(/ends/);
  });
});
