import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { testKeys } from '../test-support/keys';
import { buildLedger, entryBytes } from '../test-support/ledger-fixture';
import { CASES, trusted } from '../test-support/export-cases';
import { bufferSource } from '../verify/json-scan';
import { finishExport, indexLedgerExport, planIndexedExport } from '../verify/stream-export';
import { verifyAgainstTrustedCheckpoint, verifyLedgerExport } from '../verify/verify-export';
import { CliIo, EXIT_DIVERGENCE, EXIT_OK, runVerifyCli, runVerifyCliThreaded } from './verify-cli';
import { fileSource } from './file-source';
import { VerifierThreads } from './verify-threads';

/**
 * The threaded replay's verdict on `text` written to a file, chunks of 8 leaves over 2 threads
 * (or, `workersOnly`, every chunk on the worker, however soon this thread would be done).
 */
async function threaded(pool: VerifierThreads, dir: string, text: string, trustedNote?: string, workersOnly = false) {
  const file = path.join(dir, `export-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, text);
  const index = indexLedgerExport(bufferSource(Buffer.from(text)), undefined, 8);
  if (index === undefined) throw new Error('not an export');
  const plan = planIndexedExport(index, {}, trustedNote);
  if (!plan.ok) return plan;
  return finishExport(plan.value, await pool.replay(file, plan.value, { workersOnly }));
}

describe('the export verifier on worker threads', () => {
  let dir: string;
  let pool: VerifierThreads;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-verify-threads-'));
    pool = new VerifierThreads(2, 97);
  });

  afterAll(() => {
    pool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // Every way the in-memory verifier can judge an export: the threads find the same first divergence.
  it.each(CASES)('agrees with verifyLedgerExport on %s', async (_label, json) => {
    const text = JSON.stringify(json);
    expect(await threaded(pool, dir, text)).toEqual(verifyLedgerExport(JSON.parse(text)));
    expect(await threaded(pool, dir, text, trusted)).toEqual(verifyAgainstTrustedCheckpoint(JSON.parse(text), trusted));
    expect(await threaded(pool, dir, text, undefined, true)).toEqual(verifyLedgerExport(JSON.parse(text)));
    expect(await threaded(pool, dir, text, trusted, true)).toEqual(verifyAgainstTrustedCheckpoint(JSON.parse(text), trusted));
  });

  it('names the same first divergence as one thread on a large tampered export, through the CLI', async () => {
    const log = testKeys();
    const entries = Array.from({ length: 20_000 }, (_, i) => Buffer.concat([entryBytes(i), Buffer.alloc(900, 0x20)]));
    const ledger = buildLedger({ ...log, entries, checkpointSizes: [5000, 12_345, 20_000], withLeafHashes: true });
    const tampered = [...ledger.ledgerExport.entries];
    tampered[15_001] = entryBytes(15_001, 'altered').toString('base64');
    const runs: Record<string, string> = {
      honest: JSON.stringify(ledger.ledgerExport),
      tampered: JSON.stringify({ ...ledger.ledgerExport, entries: tampered }),
      'tampered, without leaf hashes': JSON.stringify({ ...ledger.ledgerExport, entries: tampered, leafHashes: undefined }),
    };
    for (const [name, text] of Object.entries(runs)) {
      const file = path.join(dir, `${name}.json`);
      fs.writeFileSync(file, text);
      expect(fs.statSync(file).size).toBeGreaterThan(16 << 20);
      const out: Record<string, string[]> = { one: [], threads: [] };
      const io = (lines: string[]): CliIo => ({
        readFile: (f) => fs.readFileSync(f, 'utf8'),
        openFile: fileSource,
        out: (line) => lines.push(line),
        err: (line) => lines.push(line),
      });
      const one = runVerifyCli([file, '--json', '--public-key', log.verifierKey], io(out.one));
      const threads = await runVerifyCliThreaded([file, '--json', '--threads', '2', '--public-key', log.verifierKey], io(out.threads));
      expect(threads).toBe(one);
      expect(out.threads).toEqual(out.one);
      expect(one).toBe(name === 'honest' ? EXIT_OK : EXIT_DIVERGENCE);
      if (name === 'tampered') expect(JSON.parse(out.threads[0]).divergence.entryIndex).toBe(15_001);
      if (name.includes('without')) expect(JSON.parse(out.threads[0]).divergence.entryRange).toEqual({ from: 12_345, to: 20_000 });
    }
  });
});
