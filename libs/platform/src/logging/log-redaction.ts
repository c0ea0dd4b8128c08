/**
 * Log lines may carry ids, never footage bytes, credentials or personal data (CONVENTIONS.md).
 * This is the safety net behind that rule, not a licence to log whole objects: binary
 * values become their length, credential-like fields are masked, long strings are cut.
 */
const SENSITIVE_KEY = /pass(word)?|secret|token|authorization|cookie|credential|private.?key/i;
const MAX_STRING = 4000;
const MAX_DEPTH = 5;

export function redactForLog(value: unknown, depth = 0): unknown {
  if (typeof value === 'string')
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…(${value.length} chars)` : value;
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) return errorForLog(value);
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => redactForLog(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SENSITIVE_KEY.test(key) ? '[redacted]' : redactForLog(v, depth + 1);
  }
  return out;
}

/** Errors keep their stack in the log (it never leaves the service through HTTP). */
export function errorForLog(error: Error): Record<string, unknown> {
  return { name: error.name, message: error.message, stack: error.stack };
}
