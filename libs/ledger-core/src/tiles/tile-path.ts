/**
 * C2SP tlog-tiles resource paths (https://c2sp.org/tlog-tiles):
 *
 *   tile/<L>/<N>[.p/<W>]        hashes at tree level 8·L, N-th group of 256
 *   tile/entries/<N>[.p/<W>]    the entries hashed into level-0 tile N
 *
 * <N> is written as 3-digit groups, all but the last prefixed with "x" (1234067 →
 * x001/x234/067); .p/<W> marks a partial tile of W (1…255) hashes. Parsing accepts only the
 * canonical spelling, so one resource has one URL and one cache entry.
 */
import { err, ok, Result } from '../result';

/** Tile height: a tile holds 2^8 = 256 hashes and spans 8 tree levels. */
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 2 ** TILE_HEIGHT;
/** The spec's bound on <L>. */
export const MAX_TILE_LEVEL = 63;

/** A hash tile: `width` hashes at tree level 8·level, from index·256. */
export interface TileId {
  readonly level: number;
  readonly index: number;
  /** 1…256; 256 is a full tile. */
  readonly width: number;
}

/** An entry bundle: `width` entries from leaf index·256. */
export interface BundleId {
  readonly index: number;
  readonly width: number;
}

export type TileResource =
  { readonly kind: 'hashes'; readonly tile: TileId } | { readonly kind: 'entries'; readonly bundle: BundleId };

export interface TilePathError {
  readonly code: 'TILE_PATH_MALFORMED';
  readonly message: string;
}

/** 1234067 → "x001/x234/067". */
export function encodeTileIndex(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`tile index ${index} is not a safe integer ≥ 0`);
  const groups: string[] = [];
  let rest = index;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

function widthSuffix(width: number): string {
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH)
    throw new RangeError(`tile width ${width} is not 1…256`);
  return width === TILE_WIDTH ? '' : `.p/${width}`;
}

export function tilePath({ level, index, width }: TileId): string {
  if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL)
    throw new RangeError(`tile level ${level} is not 0…63`);
  return `tile/${level}/${encodeTileIndex(index)}${widthSuffix(width)}`;
}

export function bundlePath({ index, width }: BundleId): string {
  return `tile/entries/${encodeTileIndex(index)}${widthSuffix(width)}`;
}

const LEVEL = /^(0|[1-9][0-9]?)$/;
const PARTIAL_WIDTH = /^[1-9][0-9]{0,2}$/;
const INNER_GROUP = /^x[0-9]{3}$/;
const LAST_GROUP = /^[0-9]{3}$/;

function malformed(message: string): Result<never, TilePathError> {
  return err({ code: 'TILE_PATH_MALFORMED', message });
}

/** Reads a path relative to the log's prefix ("tile/0/x001/234.p/5"); only canonical spellings. */
export function parseTilePath(path: string): Result<TileResource, TilePathError> {
  const parts = path.split('/');
  if (parts.length < 3 || parts[0] !== 'tile') return malformed(`"${path}" is not tile/<L>/<N>[.p/<W>]`);
  const [, levelPart, ...rest] = parts;
  let width = TILE_WIDTH;
  if (rest.length >= 2 && rest[rest.length - 2].endsWith('.p')) {
    const w = rest.pop() as string;
    if (!PARTIAL_WIDTH.test(w) || Number(w) >= TILE_WIDTH) return malformed(`partial width "${w}" is not 1…255`);
    width = Number(w);
    rest[rest.length - 1] = rest[rest.length - 1].slice(0, -2);
  }
  const inner = rest.slice(0, -1);
  const last = rest[rest.length - 1];
  if (!inner.every((g) => INNER_GROUP.test(g)) || !LAST_GROUP.test(last)) {
    return malformed(`tile index "${rest.join('/')}" is not 3-digit groups, all but the last prefixed with x`);
  }
  const index = Number([...inner.map((g) => g.slice(1)), last].join(''));
  if (!Number.isSafeInteger(index)) return malformed('tile index exceeds 2^53 − 1');
  // x000/001 would be a second spelling of 001.
  if (encodeTileIndex(index).split('/').length !== rest.length) return malformed('tile index has leading zero groups');
  if (levelPart === 'entries') return ok({ kind: 'entries', bundle: { index, width } });
  if (!LEVEL.test(levelPart) || Number(levelPart) > MAX_TILE_LEVEL) {
    return malformed(`tile level "${levelPart}" is not a decimal 0…63 without leading zeros`);
  }
  return ok({ kind: 'hashes', tile: { level: Number(levelPart), index, width } });
}
