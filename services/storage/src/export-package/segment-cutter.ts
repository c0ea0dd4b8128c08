import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HashingStream } from '../footage-store/hashing-stream';
import { OriginalIntegrityError } from './export-package.writer';

/** Containers Debian's ffmpeg can cut frame-accurately into MP4 here. */
export const CUTTABLE_CONTAINERS: readonly string[] = ['mp4', 'mov'];

export type CutOutcome =
  | { readonly ok: true; readonly file: string; readonly sizeBytes: number; readonly sha256: string }
  | { readonly ok: false; readonly reason: string };

export interface CutRequest {
  readonly segmentId: string;
  readonly container: string;
  /** The original's bytes as stored, and the SHA-256 recorded at ingest: checked on the way. */
  readonly open: () => Promise<Readable>;
  readonly expectedSha256: string;
  /** Seconds into the segment (its media time starts at its `from`): keep [start, end). */
  readonly startSeconds: number;
  readonly endSeconds: number;
  /** A scratch folder of this export, removed by the caller. */
  readonly workDir: string;
  readonly ffmpegPath?: string;
}

/**
 * The part of a segment inside the approved window, as a file of its own (R3.1, R18.5): the
 * original (write-once, R16.3) is copied to scratch disk, checked against its ingest hash, and
 * ffmpeg re-encodes only [start, end) — output seeking decodes the frames before `start` and
 * drops them, so no frame outside the window is written — into H.264 MP4. Memory stays flat
 * (files on disk, ffmpeg in its own process). A container ffmpeg cannot cut is answered as a
 * reason, never widened to the whole segment.
 */
export async function cutSegmentToWindow(request: CutRequest): Promise<CutOutcome> {
  if (!CUTTABLE_CONTAINERS.includes(request.container)) return { ok: false, reason: `container ${request.container} cannot be cut` };
  const input = join(request.workDir, `${randomUUID()}.${request.container}`);
  const output = join(request.workDir, `${randomUUID()}.mp4`);
  const original = new HashingStream();
  await pipeline(await request.open(), original, createWriteStream(input, { flags: 'wx', mode: 0o600 }));
  if (original.sha256() !== request.expectedSha256) throw new OriginalIntegrityError(request.segmentId, 'SHA-256 differs from ingest');
  try {
    const args = [
      ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', input],
      ...['-ss', request.startSeconds.toFixed(3), '-to', request.endSeconds.toFixed(3)],
      ...['-map', '0:v:0', '-map', '0:a?', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
      ...['-movflags', '+faststart', '-f', 'mp4', output],
    ];
    const failure = await runFfmpeg(request.ffmpegPath ?? 'ffmpeg', args);
    if (failure !== undefined) return { ok: false, reason: `ffmpeg could not cut it: ${failure}` };
    const derived = new HashingStream();
    await pipeline(createReadStream(output), derived, new Writable({ write: (_chunk, _encoding, done) => done() }));
    if (derived.bytes === 0) return { ok: false, reason: 'ffmpeg produced no frame inside the window' };
    return { ok: true, file: output, sizeBytes: derived.bytes, sha256: derived.sha256() };
  } finally {
    await fs.rm(input, { force: true });
  }
}

/** Runs ffmpeg; undefined on success, else the last line it wrote to stderr. */
function runFfmpeg(path: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(path, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
    child.on('error', (error) => resolve(error.message));
    child.on('close', (code) => resolve(code === 0 ? undefined : stderr.trim().split('\n').pop() || `exit status ${code}`));
  });
}
