import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HashingStream } from '../footage-store/hashing-stream';
import { OriginalIntegrityError } from './export-package.writer';
import { CutMethod, CutSpan } from './export-manifest';

/** Containers Debian's ffmpeg can cut frame-accurately into MP4 here. */
export const CUTTABLE_CONTAINERS: readonly string[] = ['mp4', 'mov'];

export interface CutDone {
  readonly ok: true;
  readonly file: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly method: CutMethod;
  /** The original's frames kept, by their time in the original (seconds into the segment). */
  readonly frames: { readonly count: number; readonly firstSeconds: number; readonly lastSeconds: number };
  /** The part taken as stored, from keyframe to keyframe (absent when nothing could be). */
  readonly streamCopied?: CutSpan;
  /** The edges decoded and encoded again (none for STREAM_COPY). */
  readonly reEncoded: readonly CutSpan[];
  /** Why the whole window was re-encoded rather than copied. */
  readonly reEncodedBecause?: string;
}

export type CutOutcome = CutDone | { readonly ok: false; readonly reason: string };

export interface CutRequest {
  readonly segmentId: string;
  readonly container: string;
  /** The original's bytes as stored, and the SHA-256 recorded at ingest: checked on the way. */
  readonly open: () => Promise<Readable>;
  readonly expectedSha256: string;
  /** Seconds into the segment (its media time starts at its first frame): keep [start, end). */
  readonly startSeconds: number;
  readonly endSeconds: number;
  /** A scratch folder of this export, removed by the caller. */
  readonly workDir: string;
  readonly ffmpegPath?: string;
  readonly ffprobePath?: string;
}

/** One video frame of the original: its pts in stream ticks, and whether it starts a GOP. */
interface Frame {
  readonly pts: number;
  readonly key: boolean;
  readonly duration: number;
}

interface Probe {
  readonly codec: string;
  readonly profile?: string;
  readonly pixFmt?: string;
  /** Stream time base as [numerator, denominator]. */
  readonly timeBase: readonly [number, number];
  readonly hasAudio: boolean;
  /** In presentation order. */
  readonly frames: readonly Frame[];
}

/** A run of the original's frames, [fromPts, toPts) in stream ticks. */
interface Span {
  readonly fromPts: number;
  readonly toPts: number;
  readonly copy: boolean;
}

/**
 * The part of a segment inside the approved window, as a file of its own (R3.1, R18.5). The
 * original (write-once, R16.3) is copied to scratch disk and checked against its ingest hash;
 * ffprobe lists its frames and keyframes. Whole GOPs inside the window are stream-copied
 * untouched; only an edge that starts or ends between keyframes is decoded and encoded again,
 * frame-exactly (`trim` on pts). The parts are joined as MPEG-TS (SPS/PPS in-band, so the
 * re-encoded edge may carry parameters of its own) into MP4. Every result is probed: exactly
 * the original's frames in [start, end), same spacing, decoding cleanly — else the whole window
 * is re-encoded and why is recorded; a result that still fails is refused, never widened.
 */
export async function cutSegmentToWindow(request: CutRequest): Promise<CutOutcome> {
  if (!CUTTABLE_CONTAINERS.includes(request.container)) return { ok: false, reason: `container ${request.container} cannot be cut` };
  const input = join(request.workDir, `${randomUUID()}.${request.container}`);
  const original = new HashingStream();
  await pipeline(await request.open(), original, createWriteStream(input, { flags: 'wx', mode: 0o600 }));
  if (original.sha256() !== request.expectedSha256) throw new OriginalIntegrityError(request.segmentId, 'SHA-256 differs from ingest');
  const tools = { ffmpeg: request.ffmpegPath ?? 'ffmpeg', ffprobe: request.ffprobePath ?? 'ffprobe', workDir: request.workDir };
  try {
    const probed = await probeOriginal(tools, input);
    if (typeof probed === 'string') return { ok: false, reason: `ffmpeg could not cut it: ${probed}` };
    const [num, den] = probed.timeBase;
    const first = probed.frames[0].pts;
    // Window bounds compared in integers: (pts - first) * num / den >= ms / 1000.
    const atOrAfter = (pts: number, seconds: number): boolean => (pts - first) * num * 1000 >= Math.round(seconds * 1000) * den;
    const inside = probed.frames.filter((f) => atOrAfter(f.pts, request.startSeconds) && !atOrAfter(f.pts, request.endSeconds));
    if (inside.length === 0) return { ok: false, reason: 'no frame of it lies inside the window' };
    const seconds = (pts: number): number => Math.round(((pts - first) * num * 1e6) / den) / 1e6;
    const frames = { count: inside.length, firstSeconds: seconds(inside[0].pts), lastSeconds: seconds(inside[inside.length - 1].pts) };
    const toSpan = (s: Span): CutSpan => ({ fromSeconds: seconds(s.fromPts), toSeconds: seconds(s.toPts) });

    const plan = planSpans(probed, inside);
    const whole: readonly Span[] = [{ fromPts: inside[0].pts, toPts: endOf(probed.frames, inside), copy: false }];
    let because = typeof plan === 'string' ? plan : undefined;
    let lastFailure = '';
    for (const spans of typeof plan === 'string' ? [whole] : [plan, whole]) {
      const output = join(request.workDir, `${randomUUID()}.mp4`);
      const failure = (await writeSpans(tools, input, probed, spans, output)) ?? (await verifyCut(tools, output, probed, inside));
      if (failure !== undefined) {
        lastFailure = failure;
        because ??= `the stream-copied cut failed: ${failure}`;
        await fs.rm(output, { force: true });
        continue;
      }
      const derived = new HashingStream();
      await pipeline(createReadStream(output), derived, new Writable({ write: (_chunk, _encoding, done) => done() }));
      const copied = spans.find((s) => s.copy);
      const edges = spans.filter((s) => !s.copy);
      return {
        ok: true,
        file: output,
        sizeBytes: derived.bytes,
        sha256: derived.sha256(),
        method: copied === undefined ? 'RE_ENCODED' : edges.length === 0 ? 'STREAM_COPY' : 'EDGE_RE_ENCODED',
        frames,
        ...(copied ? { streamCopied: toSpan(copied) } : {}),
        reEncoded: edges.map(toSpan),
        ...(copied === undefined && because ? { reEncodedBecause: because } : {}),
      };
    }
    return { ok: false, reason: `ffmpeg could not cut it: ${lastFailure}` };
  } finally {
    await fs.rm(input, { force: true });
  }
}

/** Where the last frame inside ends: the next frame's pts, or past the stream's last frame. */
function endOf(all: readonly Frame[], inside: readonly Frame[]): number {
  const last = inside[inside.length - 1];
  const next = all.find((f) => f.pts > last.pts);
  return next ? next.pts : last.pts + Math.max(last.duration, 1);
}

/**
 * Head (to the first keyframe inside), copied whole GOPs, tail (from the last keyframe inside,
 * unless the window ends where a GOP or the segment does). A reason instead when nothing can be
 * copied: B-frames make a cut between keyframes undecodable, so only whole GOPs are copied.
 */
function planSpans(probed: Probe, inside: readonly Frame[]): readonly Span[] | string {
  if (probed.codec !== 'h264') return `codec ${probed.codec} is only re-encoded`;
  if (probed.hasAudio) return 'audio is only re-encoded';
  const fromPts = inside[0].pts;
  const endPts = endOf(probed.frames, inside);
  const endsOnGop = probed.frames.every((f) => f.pts < endPts) || probed.frames.some((f) => f.pts === endPts && f.key);
  const keys = inside.filter((f) => f.key).map((f) => f.pts);
  const copyFrom = keys[0];
  const copyTo = endsOnGop ? endPts : keys[keys.length - 1];
  if (copyFrom === undefined || copyTo <= copyFrom) return 'no whole GOP lies inside the window';
  const spans: Span[] = [];
  if (fromPts < copyFrom) spans.push({ fromPts, toPts: copyFrom, copy: false });
  spans.push({ fromPts: copyFrom, toPts: copyTo, copy: true });
  if (copyTo < endPts) spans.push({ fromPts: copyTo, toPts: endPts, copy: false });
  return spans;
}

interface Tools {
  readonly ffmpeg: string;
  readonly ffprobe: string;
  readonly workDir: string;
}

async function probeOriginal(tools: Tools, input: string): Promise<Probe | string> {
  const run = await runTool(tools.ffprobe, [
    ...['-v', 'error', '-show_entries', 'stream=index,codec_type,codec_name,profile,pix_fmt,time_base:packet=stream_index,pts,duration,flags'],
    ...['-of', 'json=compact=1', input],
  ]);
  if (!run.ok) return run.failure;
  let parsed: { streams?: Array<Record<string, string | number>>; packets?: Array<Record<string, string | number>> };
  try {
    parsed = JSON.parse(run.stdout);
  } catch {
    return 'ffprobe answered no JSON';
  }
  const video = parsed.streams?.find((s) => s.codec_type === 'video');
  const timeBase = String(video?.time_base ?? '').split('/').map(Number);
  if (!video || timeBase.length !== 2 || !timeBase.every((n) => Number.isSafeInteger(n) && n > 0)) return 'no video stream';
  const frames = (parsed.packets ?? [])
    .filter((p) => p.stream_index === video.index && typeof p.pts === 'number')
    .map((p) => ({ pts: p.pts as number, key: String(p.flags).startsWith('K'), duration: Number(p.duration ?? 0) }))
    .sort((a, b) => a.pts - b.pts);
  if (frames.length === 0) return 'no video frame';
  return {
    codec: String(video.codec_name),
    ...(video.profile ? { profile: String(video.profile) } : {}),
    ...(video.pix_fmt ? { pixFmt: String(video.pix_fmt) } : {}),
    timeBase: [timeBase[0], timeBase[1]],
    hasAudio: parsed.streams!.some((s) => s.codec_type === 'audio'),
    frames,
  };
}

/** The x264 profile closest to the original's, so a re-encoded edge plays where the rest does. */
function x264Profile(profile: string | undefined): string {
  const p = (profile ?? '').toLowerCase();
  return p.includes('baseline') ? 'baseline' : p === 'main' ? 'main' : 'high';
}

/** Each span to MPEG-TS (copied or re-encoded), then all joined into one MP4. */
async function writeSpans(tools: Tools, input: string, probed: Probe, spans: readonly Span[], output: string): Promise<string | undefined> {
  const [num, den] = probed.timeBase;
  const parts: string[] = [];
  try {
    for (const span of spans) {
      const part = join(tools.workDir, `${randomUUID()}.ts`);
      parts.push(part);
      const failure = span.copy ? await copyGops(tools, input, probed, span, part) : await reEncode(tools, input, probed, span, part);
      if (failure !== undefined) return failure;
    }
    // Each part lasts exactly until the next one starts, so no frame shifts at a join.
    const list = spans
      .map((span, i) => `file '${parts[i]}'\n${i < spans.length - 1 ? `duration ${(((span.toPts - span.fromPts) * num) / den).toFixed(6)}\n` : ''}`)
      .join('');
    const listFile = join(tools.workDir, `${randomUUID()}.txt`);
    parts.push(listFile);
    await fs.writeFile(listFile, list, { mode: 0o600 });
    return (
      await runTool(tools.ffmpeg, [
        ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'concat', '-safe', '0', '-i', listFile],
        ...['-map', '0:v:0', ...(probed.hasAudio ? ['-map', '0:a:0'] : []), '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', output],
      ])
    ).failure;
  } finally {
    await Promise.all(parts.map((p) => fs.rm(p, { force: true })));
  }
}

/**
 * Whole GOPs as stored: the segment muxer splits only at keyframes, so the split points are
 * set half a frame before the keyframes wanted (robust to rounding) and the part between kept.
 */
async function copyGops(tools: Tools, input: string, probed: Probe, span: Span, part: string): Promise<string | undefined> {
  const [num, den] = probed.timeBase;
  const first = probed.frames[0].pts;
  const last = probed.frames[probed.frames.length - 1].pts;
  const halfFrame = probed.frames[1] ? ((probed.frames[1].pts - first) * num) / den / 2 : 0;
  const splitAt = (pts: number): string => (((pts - first) * num) / den - halfFrame).toFixed(6);
  const splits = [span.fromPts, span.toPts].filter((pts) => pts > first && pts <= last);
  const index = span.fromPts > first ? 1 : 0;
  const pattern = join(tools.workDir, `${randomUUID()}-%d.ts`);
  const run = await runTool(tools.ffmpeg, [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', input, '-map', '0:v:0', '-c', 'copy'],
    ...['-f', 'segment', '-segment_format', 'mpegts', '-reset_timestamps', '1'],
    ...(splits.length > 0 ? ['-segment_times', splits.map(splitAt).join(',')] : []),
    pattern,
  ]);
  const pieces = Array.from({ length: splits.length + 1 }, (_, i) => pattern.replace('%d', String(i)));
  try {
    if (!run.ok) return run.failure;
    await fs.rename(pieces[index], part);
    return undefined;
  } finally {
    await Promise.all(pieces.map((p) => fs.rm(p, { force: true })));
  }
}

/**
 * An edge decoded and encoded again: `trim` keeps exactly the frames with pts in [from, to).
 * Sound (only ever with the whole window, see planSpans) is cut to the same seconds by `atrim`.
 */
async function reEncode(tools: Tools, input: string, probed: Probe, span: Span, part: string): Promise<string | undefined> {
  const [num, den] = probed.timeBase;
  const at = (pts: number): string => ((pts * num) / den).toFixed(6);
  const audio = probed.hasAudio
    ? ['-map', '0:a:0', '-af', `atrim=start=${at(span.fromPts)}:end=${at(span.toPts)},asetpts=PTS-STARTPTS`, '-c:a', 'aac']
    : [];
  const run = await runTool(tools.ffmpeg, [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-copyts', '-i', input, '-map', '0:v:0'],
    ...['-vf', `trim=start_pts=${span.fromPts}:end_pts=${span.toPts},setpts=PTS-STARTPTS`, '-fps_mode', 'passthrough'],
    ...audio,
    ...['-c:v', 'libx264', '-profile:v', x264Profile(probed.profile), '-preset', 'veryfast', '-crf', '18', '-pix_fmt', probed.pixFmt === 'yuvj420p' ? 'yuvj420p' : 'yuv420p'],
    ...['-f', 'mpegts', part],
  ]);
  return run.ok ? undefined : run.failure;
}

/**
 * The cut holds exactly the original's frames inside the window: as many, spaced as they were
 * (so none from outside, none lost, none doubled), and it decodes without error. Undefined when
 * it does, else what differs.
 */
async function verifyCut(tools: Tools, output: string, probed: Probe, inside: readonly Frame[]): Promise<string | undefined> {
  const run = await runTool(tools.ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=time_base:packet=pts', '-of', 'json', output]);
  if (!run.ok) return run.failure;
  let parsed: { streams?: Array<{ time_base?: string }>; packets?: Array<{ pts?: number }> };
  try {
    parsed = JSON.parse(run.stdout);
  } catch {
    return 'ffprobe answered no JSON for the cut';
  }
  const [outNum, outDen] = String(parsed.streams?.[0]?.time_base ?? '').split('/').map(Number);
  if (!parsed.packets || !(outNum > 0 && outDen > 0)) return 'the cut has no video stream';
  const [num, den] = probed.timeBase;
  const got = parsed.packets.map((p) => p.pts ?? NaN).sort((a, b) => a - b);
  if (got.length !== inside.length) return `the cut holds ${got.length} frames, the window ${inside.length}`;
  // Offsets from the first frame, compared to within a quarter of the shortest frame interval.
  const tolerance = Math.min(...inside.slice(1).map((f, i) => ((f.pts - inside[i].pts) * num) / den), 1) / 4;
  for (let i = 0; i < got.length; i++) {
    const want = ((inside[i].pts - inside[0].pts) * num) / den;
    const have = ((got[i] - got[0]) * outNum) / outDen;
    if (!(Math.abs(want - have) <= tolerance)) return `frame ${i} of the cut is at ${have.toFixed(6)} s, the original's at ${want.toFixed(6)} s`;
  }
  const decode = await runTool(tools.ffmpeg, ['-hide_banner', '-nostdin', '-v', 'error', '-i', output, '-f', 'null', '-']);
  if (!decode.ok) return decode.failure;
  if (decode.stderr.trim() !== '') return `the cut does not decode cleanly: ${decode.stderr.trim().split('\n')[0]}`;
  return undefined;
}

type ToolRun = { ok: true; stdout: string; stderr: string; failure?: undefined } | { ok: false; failure: string };

/** Runs ffmpeg or ffprobe in its own process; on failure the last line it wrote to stderr. */
function runTool(path: string, args: readonly string[]): Promise<ToolRun> {
  return new Promise((resolve) => {
    const child = spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
    child.on('error', (error) => resolve({ ok: false, failure: error.message }));
    child.on('close', (code) =>
      resolve(
        code === 0
          ? { ok: true, stdout: Buffer.concat(stdout).toString('utf8'), stderr }
          : { ok: false, failure: stderr.trim().split('\n').pop() || `exit status ${code}` },
      ),
    );
  });
}
