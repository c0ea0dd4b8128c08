import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { CutDone, CutOutcome, cutSegmentToWindow } from './segment-cutter';

// Real clips made by Debian's ffmpeg: 8 s at 15 fps, H.264 High with B-frames, an IDR every
// second exactly (-g 15, no scene-cut keyframes), so keyframes sit at 0, 1, …, 7 s.
const FPS = 15;
let dir: string;
let clip: Buffer;
let originalFrames: string[];

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Decoded frames of a file, as one MD5 per frame in presentation order. */
function decodedFrameMd5s(file: string): string[] {
  const out = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:v:0', '-fps_mode', 'passthrough', '-f', 'framemd5', '-']).toString();
  return out
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(',').pop()!.trim());
}

/** Frame times (seconds) of a file's video, in presentation order, by ffprobe. */
function frameTimes(file: string): number[] {
  const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=pts_time', '-of', 'csv=p=0', file]).toString();
  return out
    .split('\n')
    .map((line) => line.replace(/,$/, '').trim())
    .filter((line) => line !== '')
    .map(Number);
}

const cut = (startSeconds: number, endSeconds: number, bytes = clip, ffmpegPath?: string): Promise<CutOutcome> =>
  cutSegmentToWindow({
    segmentId: 'seg-1',
    container: 'mp4',
    open: async () => Readable.from([bytes]),
    expectedSha256: sha256(bytes),
    startSeconds,
    endSeconds,
    workDir: dir,
    ...(ffmpegPath ? { ffmpegPath } : {}),
  });

async function cutOk(startSeconds: number, endSeconds: number, bytes = clip, ffmpegPath?: string): Promise<CutDone> {
  const outcome = await cut(startSeconds, endSeconds, bytes, ffmpegPath);
  if (!outcome.ok) throw new Error(outcome.reason);
  expect(sha256(readFileSync(outcome.file))).toBe(outcome.sha256);
  return outcome;
}

/** Indexes k of the original's frames (at k/15 s) inside [start, end). */
const framesInside = (start: number, end: number): number[] =>
  Array.from({ length: 8 * FPS }, (_, k) => k).filter((k) => k / FPS >= start - 1e-9 && k / FPS < end - 1e-9);

/** The cut's frames are exactly the original's inside the window, spaced as they were (R3.1). */
function expectExactlyInside(file: string, start: number, end: number): number[] {
  const inside = framesInside(start, end);
  const times = frameTimes(file);
  expect(times).toHaveLength(inside.length);
  times.forEach((t, i) => expect(t - times[0]).toBeCloseTo((inside[i] - inside[0]) / FPS, 4));
  return inside;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'custos-cutter-'));
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc=size=160x120:rate=${FPS}:duration=8`],
    ...['-c:v', 'libx264', '-g', String(FPS), '-keyint_min', String(FPS), '-sc_threshold', '0', '-pix_fmt', 'yuv420p'],
    ...['-movflags', '+faststart', join(dir, 'clip.mp4')],
  ]);
  clip = readFileSync(join(dir, 'clip.mp4'));
  originalFrames = decodedFrameMd5s(join(dir, 'clip.mp4'));
  expect(originalFrames).toHaveLength(8 * FPS);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cutSegmentToWindow (R3.1, R16.3)', () => {
  // The cut's frames and how it was made: [count, first, last] frame seconds, the copied GOPs'
  // seconds and the re-encoded edges'; the copied frames (indexes in the cut) are the original's
  // bit for bit, from the keyframe the copy starts at.
  it.each([
    {
      does: 'stream-copies a window from keyframe to keyframe: exactly its frames, decoded bit for bit as the original',
      window: [2, 5], method: 'STREAM_COPY', frames: [45, 2, 4.933333], streamCopied: [2, 5], reEncoded: [], copied: [0, 45],
    },
    {
      does: 're-encodes only the edges between keyframes and copies the GOPs between: frame count and spacing exact, none from outside',
      // Head 2.533…2.933 s (7 frames), then the copied 3…5.933 s.
      window: [2.5, 6.2], method: 'EDGE_RE_ENCODED', frames: [55, 2.533333, 6.133333], streamCopied: [3, 6], copied: [7, 52],
      reEncoded: [[2.533333, 3], [6, 6.2]],
    },
    {
      does: 're-encodes only the head when the window runs past the segment end',
      window: [2.5, 9], method: 'EDGE_RE_ENCODED', frames: [82, 2.533333, 7.933333], streamCopied: [3, 8], reEncoded: [[2.533333, 3]], copied: [7, 82],
    },
  ])('$does (R3.1)', async ({ window: [start, end], method, frames: [count, firstSeconds, lastSeconds], streamCopied, reEncoded, copied: [first, last] }) => {
    const result = await cutOk(start, end);
    const span = ([fromSeconds, toSeconds]: number[]) => ({ fromSeconds, toSeconds });
    expect(result).toMatchObject({ method, frames: { count, firstSeconds, lastSeconds }, streamCopied: span(streamCopied), reEncoded: reEncoded.map(span) });
    const inside = expectExactlyInside(result.file, start, end);
    expect(decodedFrameMd5s(result.file).slice(first, last)).toEqual(inside.slice(first, last).map((k) => originalFrames[k]));
    expect(inside[first]).toBe(streamCopied[0] * FPS);
  });

  it('re-encodes the edges of a Constrained Baseline clip (as cameras and the demo footage write) in that profile (R3.1)', async () => {
    execFileSync('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=320x240:rate=${FPS}:duration=8`],
      ...['-c:v', 'libx264', '-profile:v', 'baseline', '-level', '3.0', '-g', String(FPS), '-pix_fmt', 'yuv420p'],
      ...['-movflags', '+faststart', join(dir, 'baseline.mp4')],
    ]);
    const outcome = await cutOk(0.5, 3.7, readFileSync(join(dir, 'baseline.mp4')));
    expect(outcome).toMatchObject({ method: 'EDGE_RE_ENCODED', streamCopied: { fromSeconds: 1, toSeconds: 3 }, frames: { count: 48 } });
    expectExactlyInside(outcome.file, 0.5, 3.7);
    const profile = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=profile', '-of', 'csv=p=0', outcome.file]);
    expect(profile.toString().trim()).toBe('Constrained Baseline');
  });

  it('re-encodes the whole window when no whole GOP lies inside it, and says why (R3.1)', async () => {
    const result = await cutOk(2.2, 2.6);
    expect(result).toMatchObject({ method: 'RE_ENCODED', reEncodedBecause: 'no whole GOP lies inside the window', frames: { count: 6 } });
    expect(result.streamCopied).toBeUndefined();
    expectExactlyInside(result.file, 2.2, 2.6);
  });

  it('re-encodes the whole window of a segment with sound, video frame-exact and sound cut to the same seconds (R3.1)', async () => {
    execFileSync('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc=size=160x120:rate=${FPS}:duration=8`],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=8'],
      ...['-c:v', 'libx264', '-g', String(FPS), '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-movflags', '+faststart', join(dir, 'sound.mp4')],
    ]);
    const outcome = await cutOk(2.5, 6.2, readFileSync(join(dir, 'sound.mp4')));
    expect(outcome).toMatchObject({ method: 'RE_ENCODED', reEncodedBecause: 'audio is only re-encoded', frames: { count: 55 } });
    expectExactlyInside(outcome.file, 2.5, 6.2);
    const audio = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=duration', '-of', 'csv=p=0', outcome.file]);
    // [2.533, 6.2) s: the sound of the frames kept; the AAC encoder adds its priming frame of
    // silence (1024 samples) and pads the last one, so within two AAC frames.
    expect(Math.abs(Number(audio.toString().trim()) - (6.2 - 38 / FPS))).toBeLessThan(2048 / 48000);
  });

  it('falls back to re-encoding the whole window when the stream copy fails, and records why (R3.1)', async () => {
    // An ffmpeg that refuses to split at keyframes (the stream-copy step) and is ffmpeg otherwise.
    const wrapper = join(dir, 'ffmpeg-no-segment');
    writeFileSync(wrapper, '#!/bin/sh\ncase "$*" in *"-f segment"*) echo "segment muxer refused" >&2; exit 1;; esac\nexec ffmpeg "$@"\n', { mode: 0o700 });
    const outcome = await cutOk(2.5, 6.2, clip, wrapper);
    expect(outcome).toMatchObject({ method: 'RE_ENCODED', reEncodedBecause: 'the stream-copied cut failed: segment muxer refused', frames: { count: 55 } });
    expectExactlyInside(outcome.file, 2.5, 6.2);
  });

  it('answers a body that is not video as a reason, never a widened file (R3.1)', async () => {
    const outcome = await cut(1, 2, Buffer.from('not video at all'));
    expect(outcome).toMatchObject({ ok: false, reason: expect.stringMatching(/ffmpeg could not cut it/) });
  });

  it('answers a window that holds no frame of the segment as a reason (R3.1)', async () => {
    expect(await cut(7.99, 8)).toMatchObject({ ok: false, reason: 'no frame of it lies inside the window' });
  });
});
