import type { EdgeErrorCode } from '../../errors/edge-errors';

/**
 * C0 controls but tab, line feed and carriage return; DEL; C1 controls. NUL breaks Postgres
 * text columns (and with them every projection downstream); the others hide or rewrite what a
 * reader of the register or the ledger sees.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069): text that renders otherwise than it reads. */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
/** Keys that reach an object's prototype when some code copies a body property by property. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The deepest nesting of objects and arrays a body may have; real DTOs need fewer than ten. */
export const MAX_JSON_DEPTH = 32;

export interface TextProblem {
  readonly code: EdgeErrorCode;
  /** Dotted path of the offending value or key (`cameras.1.note`); empty for the whole value. */
  readonly path: string;
}

/** Why `text` may not be stored as is, or undefined when it may. */
export function textProblemOf(text: string): EdgeErrorCode | undefined {
  if (CONTROL.test(text)) return 'CUSTOS_INPUT_CONTROL_CHARACTER';
  if (BIDI.test(text)) return 'CUSTOS_INPUT_BIDI_CONTROL';
  return undefined;
}

/**
 * The first problem of a parsed value: a string with control or bidi characters, a key that is
 * one too or is `__proto__`/`constructor`/`prototype`, or nesting deeper than MAX_JSON_DEPTH.
 * Iterative, so that no input can exhaust the stack.
 */
export function findTextProblem(value: unknown): TextProblem | undefined {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (pending.length > 0) {
    const { value: v, path, depth } = pending.pop()!;
    if (typeof v === 'string') {
      const code = textProblemOf(v);
      if (code) return { code, path };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return { code: 'CUSTOS_INPUT_TOO_DEEP', path };
    for (const key of Object.keys(v)) {
      const at = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return { code: 'CUSTOS_INPUT_FORBIDDEN_KEY', path: at };
      const code = textProblemOf(key);
      if (code) return { code, path: at };
      pending.push({ value: (v as Record<string, unknown>)[key], path: at, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * The nesting depth of JSON text, counted on the bytes before parsing (strings skipped), so that
 * a body nested ten thousand deep is refused before any recursive code sees it.
 */
export function jsonDepthExceeds(bytes: Uint8Array, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === 0x5c) i++;
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x7b || b === 0x5b) {
      if (++depth > max) return true;
    } else if (b === 0x7d || b === 0x5d) depth--;
  }
  return false;
}
