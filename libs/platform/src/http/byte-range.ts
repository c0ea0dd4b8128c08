/** What a `Range` header asks of an object of known size (one range only: no multipart answers). */
export type RangeRequest =
  | { readonly kind: 'absent' }
  /** Not a single `bytes=` range: several ranges, another unit, or not a range at all. */
  | { readonly kind: 'malformed' }
  /** A well-formed range that lies wholly past the end (answer 416 with `bytes *\/size`). */
  | { readonly kind: 'unsatisfiable' }
  /** Both ends inclusive, within the object, clamped at its last byte as RFC 9110 says. */
  | { readonly kind: 'range'; readonly start: number; readonly end: number };

const SINGLE = /^bytes=(\d*)-(\d*)$/;

/**
 * Reads one `Range: bytes=a-b` / `bytes=a-` / `bytes=-n` (RFC 9110 §14.1.2) against an object
 * of `totalBytes` bytes. Footage is played by range and never sent whole where the caller
 * forbids it, so "what exactly was asked" matters more than leniency.
 */
export function parseByteRange(header: string | undefined, totalBytes: number): RangeRequest {
  if (header === undefined || header.trim() === '') return { kind: 'absent' };
  const match = SINGLE.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'malformed' };
  const [first, last] = [match[1], match[2]];
  if (first.length > 15 || last.length > 15) return { kind: 'malformed' };
  if (first === '') {
    // The last n bytes.
    const suffix = Number(last);
    if (suffix === 0 || totalBytes === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, totalBytes - suffix), end: totalBytes - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return { kind: 'malformed' };
  if (start >= totalBytes) return { kind: 'unsatisfiable' };
  const end = last === '' ? totalBytes - 1 : Number(last);
  return { kind: 'range', start, end: Math.min(end, totalBytes - 1) };
}

/** The `Content-Range` of a partial answer. */
export function contentRangeOf(range: { start: number; end: number }, totalBytes: number): string {
  return `bytes ${range.start}-${range.end}/${totalBytes}`;
}
