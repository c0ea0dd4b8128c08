import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ORIGIN, testKeys } from '../test-support/keys';
import { buildBundle, buildLedger, entryBytes } from '../test-support/ledger-fixture';
import { findRepoRoot } from '../test-support/repo-root';
import {
  CliIo,
  EXIT_DIVERGENCE,
  EXIT_KEY_NOT_PINNED,
  EXIT_OK,
  EXIT_UNREADABLE,
  replayThreads,
  runVerifyCli,
} from './verify-cli';

const log = testKeys();
const SIZES = [0, 10, 20, 30, 40, 50, 60];
const ledger = buildLedger({ ...log, entries: 64, checkpointSizes: SIZES, withLeafHashes: true });
const tamperedEntries = [...ledger.ledgerExport.entries];
tamperedEntries[41] = entryBytes(41, 'altered').toString('base64');
const tampered = { ...ledger.ledgerExport, entries: tamperedEntries };
/** The altered log as whoever could write it would publish it: re-signed with a key of their own. */
const resignedByAttacker = buildLedger({
  ...testKeys(),
  entries: tamperedEntries.map((e) => Buffer.from(e, 'base64')),
  checkpointSizes: SIZES,
}).ledgerExport;

/** Runs the CLI in-process over an in-memory file system. */
function run(argv: string[], files: Record<string, string>): { status: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readFile: (file) => {
      if (!(file in files)) throw new Error(`ENOENT ${file}`);
      return files[file];
    },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  };
  const status = runVerifyCli(argv, io);
  return { status, out: out.join('\n'), err: err.join('\n') };
}

describe('custos-verify, as spawned from a clone', () => {
  const bin = path.join(findRepoRoot(__dirname), 'bin/custos-verify.js');
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-verify-'));
    fs.writeFileSync(path.join(dir, 'export.json'), JSON.stringify(ledger.ledgerExport));
    fs.writeFileSync(path.join(dir, 'tampered.json'), JSON.stringify(tampered));
    fs.writeFileSync(path.join(dir, 'broken.json'), '{ "entries": [');
    fs.writeFileSync(path.join(dir, 'resigned.json'), JSON.stringify(resignedByAttacker));
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  // Run from the temp dir: the bin must find its sources and tsconfig from its own location.
  const spawn = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000 });

  it('exits 0 on a valid export verified under the pinned log key', () => {
    const result = spawn('export.json', '--public-key', log.verifierKey);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('OK every checkpoint is signed by the pinned log key');
    expect(result.status).toBe(EXIT_OK);
  });

  it('exits 3, not 0, and says the key was not pinned on a log re-signed with an attacker key and no --public-key (issue 16)', () => {
    const result = spawn('resigned.json');
    expect(result.stdout).not.toContain('OK');
    expect(result.stdout).toContain('the log key was not pinned');
    expect(result.stderr).toContain('the log key was not pinned');
    expect(result.status).toBe(EXIT_KEY_NOT_PINNED);
  });

  it('exits 1 on a log re-signed with an attacker key when the log key is pinned (issue 16)', () => {
    const result = spawn('resigned.json', '--public-key', log.verifierKey);
    expect(result.stdout).toContain('PUBLIC_KEY_NOT_TRUSTED');
    expect(result.status).toBe(EXIT_DIVERGENCE);
  });

  it('exits 1 on a tampered export and names the index', () => {
    const result = spawn('tampered.json');
    expect(result.stdout).toContain('LEDGER_ENTRY_MISMATCH at index 41');
    expect(result.status).toBe(EXIT_DIVERGENCE);
  });

  it('exits 2 on input that is not JSON', () => {
    const result = spawn('broken.json');
    expect(result.stderr).toContain('is not JSON');
    expect(result.status).toBe(EXIT_UNREADABLE);
  });
});

describe('custos-verify', () => {
  const files = {
    'export.json': JSON.stringify(ledger.ledgerExport),
    'tampered.json': JSON.stringify(tampered),
    'bundle.json': JSON.stringify(buildBundle(ledger, [3, 41], 60)),
    'trusted.note': ledger.checkpointAt(45),
    'other.json': JSON.stringify({ hello: 'world' }),
    'bad-entry.json': JSON.stringify({ ...ledger.ledgerExport, entries: ['***'] }),
  };

  it('narrows a change to a checkpoint interval when no leaf hashes were exported', () => {
    const withoutHashes = { ...tampered, leafHashes: undefined };
    const result = run(['x.json'], { 'x.json': JSON.stringify(withoutHashes) });
    expect(result.out).toContain('CHECKPOINT_ROOT_MISMATCH at entries 40..49, checkpoint #5');
    expect(result.status).toBe(EXIT_DIVERGENCE);
  });

  it('checks the export against a trusted checkpoint', () => {
    const ok = run(['export.json', '--trusted-checkpoint', 'trusted.note', '--public-key', log.verifierKey], files);
    expect(ok.out).toContain('extends the trusted checkpoint of size 45');
    expect(ok.status).toBe(EXIT_OK);
    const resigned = buildLedger({
      ...log,
      entries: tamperedEntries.map((e) => Buffer.from(e, 'base64')),
      checkpointSizes: SIZES,
    });
    const rewritten = run(['r.json', '--trusted-checkpoint', 'trusted.note'], {
      ...files,
      'r.json': JSON.stringify(resigned.ledgerExport),
    });
    expect(rewritten.out).toContain('CHECKPOINT_INCONSISTENT');
    expect(rewritten.status).toBe(EXIT_DIVERGENCE);
  });

  it('verifies an evidence bundle, detected by its items', () => {
    const result = run(['bundle.json', '--public-key', log.verifierKey], files);
    expect(result.out).toContain('evidence bundle of ' + ORIGIN);
    expect(result.out).toContain('OK every entry is included in the checkpoint signed by the pinned log key');
    expect(result.status).toBe(EXIT_OK);
  });

  it('says of a bundle checked without --public-key that the key was not pinned, and exits 3 (issue 16)', () => {
    const result = run(['bundle.json'], files);
    expect(result.out).not.toContain('OK');
    expect(result.err).toContain('the log key was not pinned');
    expect(result.status).toBe(EXIT_KEY_NOT_PINNED);
  });

  it('marks a --json result of an unpinned run keyPinned: false with the warning (issue 16)', () => {
    const result = run(['export.json', '--json'], files);
    expect(JSON.parse(result.out)).toMatchObject({
      ok: true,
      keyPinned: false,
      warning: expect.stringContaining('not pinned'),
    });
    expect(result.status).toBe(EXIT_KEY_NOT_PINNED);
  });

  it('refuses a file signed for another key than the pinned one', () => {
    const result = run(['export.json', '--public-key', testKeys().verifierKey], files);
    expect(result.out).toContain('PUBLIC_KEY_NOT_TRUSTED');
    expect(result.status).toBe(EXIT_DIVERGENCE);
  });

  it('prints a machine-readable result with --json', () => {
    const result = run(['tampered.json', '--json'], files);
    expect(JSON.parse(result.out)).toMatchObject({
      kind: 'export',
      ok: false,
      divergence: { code: 'LEDGER_ENTRY_MISMATCH', entryIndex: 41 },
    });
    expect(result.status).toBe(EXIT_DIVERGENCE);
  });

  it.each([
    ['a missing file', ['missing.json']],
    ['a file of another shape', ['other.json']],
    ['a malformed entry', ['bad-entry.json']],
    ['a missing trusted checkpoint file', ['export.json', '--trusted-checkpoint', 'missing.note']],
    ['no arguments', []],
    ['an unknown option', ['export.json', '--fast']],
  ])('exits 2 on %s', (_label, argv) => {
    expect(run(argv, files).status).toBe(EXIT_UNREADABLE);
  });
});

describe('the threads replaying an export', () => {
  const MiB = 1 << 20;
  const threeFree = () => 3;

  it('are this one by default below 256 MiB, where its single pass is faster, and one per free core from there', () => {
    expect(replayThreads(106 * MiB, undefined, threeFree)).toBe(1);
    expect(replayThreads(256 * MiB - 1, undefined, threeFree)).toBe(1);
    expect(replayThreads(256 * MiB, undefined, threeFree)).toBe(3);
  });

  it('are as many as --threads asks from 16 MiB, none below (a worker costs ~0.1 s to start)', () => {
    expect(replayThreads(16 * MiB - 1, 4, threeFree)).toBe(1);
    expect(replayThreads(16 * MiB, 4, threeFree)).toBe(4);
    expect(replayThreads(300 * MiB, 1, threeFree)).toBe(1);
  });
});
