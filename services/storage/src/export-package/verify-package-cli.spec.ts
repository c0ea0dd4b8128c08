// @custos/contracts holds class-transformer @Type decorators, which need the metadata polyfill Nest loads.
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { ManifestSigner } from './export-manifest';
import { MANIFEST_HEADER, manifestFileOf } from './export-package.test-support';
import { exportPackageStream, PackageFile } from './export-package.writer';
import { EXIT_DIVERGENCE, EXIT_OK, EXIT_UNREADABLE, runPackageVerifyCli } from './verify-package-cli';

const keys = generateKeyPairSync('ed25519');
const signer = new ManifestSigner(keys.privateKey);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pem = (key: typeof keys.publicKey) => key.export({ type: 'spki', format: 'pem' }).toString();

const fileOf = (segmentId: string, body: Buffer): PackageFile => ({ entry: manifestFileOf(segmentId, body.length, sha(body)), open: async () => Readable.from([body]) });

async function packageOf(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const files = [fileOf('seg-a', Buffer.from('first segment bytes')), fileOf('seg-b', Buffer.alloc(1500, 9))];
  for await (const c of exportPackageStream(files, MANIFEST_HEADER, signer, {})) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * `custos-verify <package.tar> --key <pem>` (R18.5): a court or a receiving organ checks an
 * export package offline against the export key it pinned, and learns the first divergence.
 */
describe('custos-verify on an export package (R18.5)', () => {
  let dir: string;
  let intact: Buffer;
  const write = (name: string, bytes: Buffer | string) => {
    fs.writeFileSync(path.join(dir, name), bytes);
    return path.join(dir, name);
  };
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const status = await runPackageVerifyCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { status, out: out.join('\n'), err: err.join('\n') };
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-verify-package-'));
    intact = await packageOf();
    write('package.tar', intact);
    write('export-key.pem', pem(keys.publicKey));
    write('other-key.pem', pem(generateKeyPairSync('ed25519').publicKey));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on an intact package signed by the pinned key, run as the bin from any folder (R18.5)', () => {
    const bin = path.resolve(__dirname, '../../../../bin/custos-verify.js');
    const result = spawnSync(process.execPath, [bin, 'package.tar', '--key', 'export-key.pem'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('OK export exp-1: manifest signed by export key');
    expect(result.stdout).toContain('2 file(s)');
    expect(result.status).toBe(EXIT_OK);
  });

  it('exits 1 naming the first file whose bytes changed (R18.5)', async () => {
    const changed = Buffer.from(intact);
    changed[512 + 2] ^= 0x01;
    const result = await run(write('changed.tar', changed), '--key', path.join(dir, 'export-key.pem'));
    expect(result.out).toContain('DIVERGENCE footage/cam-1/seg-a.mp4: SHA-256 differs from the manifest');
    expect(result.status).toBe(EXIT_DIVERGENCE);
  });

  it('exits 1 when the manifest was altered, or the package was signed by a key other than the pinned one (R18.5)', async () => {
    const altered = Buffer.from(intact);
    altered.write('"codec":"h265"', altered.indexOf('"codec":"h264"'));
    const forged = await run(write('altered.tar', altered), '--key', path.join(dir, 'export-key.pem'));
    expect([forged.status, forged.out]).toEqual([EXIT_DIVERGENCE, expect.stringContaining('DIVERGENCE manifest signature does not verify')]);
    const otherKey = await run(path.join(dir, 'package.tar'), '--key', path.join(dir, 'other-key.pem'));
    expect([otherKey.status, otherKey.out]).toEqual([EXIT_DIVERGENCE, expect.stringContaining('signature does not verify')]);
  });

  it('exits 2 without a pinned key, or on a package cut short (R18.5)', async () => {
    const unpinned = await run(path.join(dir, 'package.tar'));
    expect([unpinned.status, unpinned.err]).toEqual([EXIT_UNREADABLE, expect.stringContaining('--key <export-public-key.pem>')]);
    const cut = await run(write('cut.tar', intact.subarray(0, 700)), '--key', path.join(dir, 'export-key.pem'), '--json');
    expect(cut.status).toBe(EXIT_UNREADABLE);
    expect(JSON.parse(cut.out)).toMatchObject({ kind: 'export-package', ok: false, firstDivergence: expect.stringMatching(/^package unreadable/) });
  });
});
