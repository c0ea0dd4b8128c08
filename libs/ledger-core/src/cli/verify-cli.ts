/**
 * custos-verify: the offline verifier an oversight body runs on a ledger export or an
 * evidence bundle (bin/custos-verify.js loads this file). The only ledger-core code with I/O.
 */
import * as fs from 'node:fs';
import { Result } from '../result';
import { fileSource } from './file-source';
import { Divergence } from '../verify/divergence';
import { bufferSource, ByteSource, JsonSyntaxError } from '../verify/json-scan';
import { isRecord } from '../verify/json-shape';
import { verifyExportFile } from '../verify/one-pass-export';
import {
  ExportPlan,
  finishExport,
  indexLedgerExport,
  planIndexedExport,
  verifyIndexedExport,
} from '../verify/stream-export';
import { verifyEvidenceBundle } from '../verify/verify-bundle';
import { LedgerExportSummary, verifyAgainstTrustedCheckpoint, verifyLedgerExport } from '../verify/verify-export';
import { CliArgs, parseCliArgs, USAGE } from './cli-args';
import { describeBundle, describeDivergence, describeExport, KEY_NOT_PINNED } from './report';
import { defaultThreads, VerifierThreads } from './verify-threads';

export { fileSource } from './file-source';

export const EXIT_OK = 0;
export const EXIT_DIVERGENCE = 1;
export const EXIT_UNREADABLE = 2;
/**
 * Everything holds, but against the key the file itself names: no `--public-key` pinned the
 * log's key, so a log re-signed by whoever could write it would hold too (issue 16). Distinct
 * from 0 so that no script takes it for a verified log.
 */
export const EXIT_KEY_NOT_PINNED = 3;

/** Malformed files are unreadable input, not findings about the ledger. */
const UNREADABLE_CODES: ReadonlySet<Divergence['code']> = new Set([
  'EXPORT_MALFORMED',
  'BUNDLE_MALFORMED',
  'PUBLIC_KEY_MALFORMED',
]);

export interface CliIo {
  /** Reads a file as UTF-8; throws when it cannot. */
  readFile(path: string): string;
  /**
   * Opens a file for reading in pieces (ledger exports are streamed); throws when it cannot.
   * Without it, the file is read whole with `readFile`.
   */
  openFile?(path: string): ByteSource & { close(): void };
  out(line: string): void;
  err(line: string): void;
}

class Unreadable extends Error {}

function readJson(io: CliIo, path: string): unknown {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (cause) {
    throw new Unreadable(`cannot read ${path}: ${(cause as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new Unreadable(`${path} is not JSON: ${(cause as Error).message}`);
  }
}

function readText(io: CliIo, path: string): string {
  try {
    return io.readFile(path);
  } catch (cause) {
    throw new Unreadable(`cannot read ${path}: ${(cause as Error).message}`);
  }
}

type Outcome = { kind: 'export' | 'bundle'; result: Result<unknown, Divergence>; lines: () => string[] };

function openSource(io: CliIo, path: string): ByteSource & { close(): void } {
  try {
    if (io.openFile !== undefined) return io.openFile(path);
    return { ...bufferSource(Buffer.from(io.readFile(path), 'utf8')), close: () => undefined };
  } catch (cause) {
    throw new Unreadable(`cannot read ${path}: ${(cause as Error).message}`);
  }
}

/**
 * A ledger export is streamed (read once as the ledger writes it, or with at most 2^21 entries
 * whose hashes wait in memory; twice, in constant memory, otherwise); anything else is read whole.
 */
function verifyStreamedExport(io: CliIo, args: CliArgs): Outcome | undefined {
  const source = openSource(io, args.file);
  try {
    const trustedNote = args.trustedCheckpointFile === undefined ? undefined : readText(io, args.trustedCheckpointFile);
    const result = verifyExportFile(source, { trustedPublicKey: args.trustedPublicKey }, trustedNote);
    return result && exportOutcome(result, args);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new Unreadable(`${args.file} is not JSON: ${error.message}`);
    throw error;
  } finally {
    source.close();
  }
}

function exportOutcome(result: Result<LedgerExportSummary, Divergence>, args: CliArgs): Outcome {
  return { kind: 'export', result, lines: () => (result.ok ? describeExport(result.value, pinned(args)) : []) };
}

/** Whether the log's key was given by the person verifying, not read from the file. */
function pinned(args: CliArgs): boolean {
  return args.trustedPublicKey !== undefined;
}

/**
 * Below this, an export is replayed on this thread by default: its one pass beats two threads
 * (which read it twice and start workers) up to about 250 MB on two cores (bench:verify: 100,000
 * entries, 106 MB, one thread 1.3× faster; 300,000, 318 MB, two threads 1.08× faster).
 */
const THREADS_FROM_BYTES = 256 << 20;

/** Below this, not even on `--threads`: starting a worker costs about 0.1 s of CPU. */
const ASKED_THREADS_FROM_BYTES = 16 << 20;

/**
 * The threads that replay an export of `bytes`: `asked` (`--threads`) from 16 MiB, else
 * `free` (one per free core) from 256 MiB; below, 1 (this thread's single pass).
 */
export function replayThreads(bytes: number, asked: number | undefined, free: () => number): number {
  if (asked !== undefined) return bytes < ASKED_THREADS_FROM_BYTES ? 1 : asked;
  return bytes < THREADS_FROM_BYTES ? 1 : free();
}

/**
 * As `verifyStreamedExport`, with the replay on `threads` worker threads that read the file
 * themselves; an export of one chunk, or one that fails before its replay, stays on this one.
 */
async function verifyExportInThreads(io: CliIo, args: CliArgs): Promise<Outcome | undefined> {
  const source = openSource(io, args.file);
  const threads = replayThreads(source.size, args.threads, defaultThreads);
  if (threads < 2) {
    source.close();
    return undefined;
  }
  const pool = new VerifierThreads(threads);
  try {
    let plan: Result<ExportPlan, Divergence>;
    try {
      const index = indexLedgerExport(source);
      if (index === undefined) return undefined;
      const trustedNote = args.trustedCheckpointFile === undefined ? undefined : readText(io, args.trustedCheckpointFile);
      const options = { trustedPublicKey: args.trustedPublicKey };
      plan = planIndexedExport(index, options, trustedNote);
      if (!plan.ok || plan.value.tasks.length < 2 || !plan.value.header.ok) {
        return exportOutcome(verifyIndexedExport(source, index, options, trustedNote), args);
      }
    } catch (error) {
      if (error instanceof JsonSyntaxError) throw new Unreadable(`${args.file} is not JSON: ${error.message}`);
      throw error;
    } finally {
      source.close();
    }
    return exportOutcome(finishExport(plan.value, await pool.replay(args.file, plan.value)), args);
  } finally {
    pool.close();
  }
}

function verifyInput(io: CliIo, args: CliArgs): Outcome {
  const streamed = verifyStreamedExport(io, args);
  if (streamed !== undefined) return streamed;
  const json = readJson(io, args.file);
  const options = { trustedPublicKey: args.trustedPublicKey };
  if (isRecord(json) && Array.isArray(json.entries)) {
    const result =
      args.trustedCheckpointFile === undefined
        ? verifyLedgerExport(json, options)
        : verifyAgainstTrustedCheckpoint(json, readText(io, args.trustedCheckpointFile), options);
    return exportOutcome(result, args);
  }
  if (isRecord(json) && Array.isArray(json.items)) {
    if (args.trustedCheckpointFile !== undefined) {
      throw new Unreadable('--trusted-checkpoint applies to ledger exports, not evidence bundles');
    }
    const result = verifyEvidenceBundle(json, options);
    return { kind: 'bundle', result, lines: () => (result.ok ? describeBundle(result.value, pinned(args)) : []) };
  }
  throw new Unreadable(`${args.file} is neither a ledger export (entries) nor an evidence bundle (items)`);
}

function toJson(kind: string, result: Result<unknown, Divergence>, keyPinned: boolean): string {
  const body = result.ok
    ? { kind, ok: true, keyPinned, ...(keyPinned ? {} : { warning: KEY_NOT_PINNED }), summary: result.value }
    : { kind, ok: false, keyPinned, divergence: result.error };
  return JSON.stringify(body, (_key, value) =>
    isRecord(value) && value.type === 'Buffer' && Array.isArray(value.data)
      ? Buffer.from(value.data as number[]).toString('hex')
      : value,
  );
}

/** The arguments, or the exit status when they end the run (help, bad usage). */
function cliArgs(argv: readonly string[], io: CliIo): CliArgs | number {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(USAGE);
    return EXIT_OK;
  }
  const args = parseCliArgs(argv);
  if (typeof args === 'string') {
    io.err(`custos-verify: ${args}\n${USAGE}`);
    return EXIT_UNREADABLE;
  }
  return args;
}

function unreadable(io: CliIo, error: unknown): number {
  if (!(error instanceof Unreadable)) throw error;
  io.err(`custos-verify: ${error.message}`);
  return EXIT_UNREADABLE;
}

/** Runs the verifier on this thread; returns the exit status. */
export function runVerifyCli(argv: readonly string[], io: CliIo): number {
  const args = cliArgs(argv, io);
  if (typeof args === 'number') return args;
  try {
    return report(io, args, verifyInput(io, args));
  } catch (error) {
    return unreadable(io, error);
  }
}

/**
 * Runs the verifier with an export's replay on worker threads (`--threads`, default one per
 * free core; 1 is `runVerifyCli`); same report, same exit status. The workers read the file by its
 * path, so `io.openFile` must open real files.
 */
export async function runVerifyCliThreaded(argv: readonly string[], io: CliIo): Promise<number> {
  const args = cliArgs(argv, io);
  if (typeof args === 'number') return args;
  try {
    const outcome = (args.threads !== 1 && (await verifyExportInThreads(io, args))) || verifyInput(io, args);
    return report(io, args, outcome);
  } catch (error) {
    return unreadable(io, error);
  }
}

function report(io: CliIo, args: CliArgs, outcome: Outcome): number {
  const { kind, result } = outcome;
  if (args.json) io.out(toJson(kind, result, pinned(args)));
  if (result.ok) {
    if (!args.json) outcome.lines().forEach((line) => io.out(line));
    if (pinned(args)) return EXIT_OK;
    io.err(`custos-verify: ${KEY_NOT_PINNED}`);
    return EXIT_KEY_NOT_PINNED;
  }
  // A divergence is the verifier's finding, so it goes to stdout with the rest of the report.
  if (!args.json) io.out(describeDivergence(result.error));
  return UNREADABLE_CODES.has(result.error.code) ? EXIT_UNREADABLE : EXIT_DIVERGENCE;
}

/** Entry point for bin/custos-verify.js: the exit status, once the threads are done. */
export function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  return runVerifyCliThreaded(argv, {
    readFile: (path) => fs.readFileSync(path, 'utf8'),
    openFile: fileSource,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}
