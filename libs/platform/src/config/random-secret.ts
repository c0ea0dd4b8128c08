/** Fewest bytes a key-wrapping or MAC secret holds (issue 16): 256 bits. */
export const MIN_SECRET_BYTES = 32;

/**
 * The bytes a secret setting encodes, hex (`openssl rand -hex 32`) or base64
 * (`openssl rand -base64 32`), or undefined when it is neither: a pass phrase is not a key.
 * Fewer than 16 distinct byte values in 32 or more is refused too: no random draw of 32 bytes
 * gives that (a repeated pattern does).
 */
export function randomSecretBytes(value: string): Buffer | undefined {
  const text = value.trim();
  let bytes: Buffer | undefined;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(text)) bytes = Buffer.from(text, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text) && text.length % 4 !== 1) bytes = Buffer.from(text, 'base64');
  if (bytes === undefined || bytes.length < MIN_SECRET_BYTES) return undefined;
  return new Set(bytes).size >= 16 ? bytes : undefined;
}

/** Whether a secret setting holds at least 32 random-looking bytes, hex or base64 encoded. */
export function isRandomSecret(value: unknown): boolean {
  return typeof value === 'string' && randomSecretBytes(value) !== undefined;
}
