/**
 * Standard, padded base64 and nothing else. Node's own decoder skips junk and accepts
 * unpadded or URL-safe input; for signed and hashed data, two spellings of one value would
 * let a note or an export change while still "decoding to the same bytes". Node always
 * encodes the one canonical spelling, so a text that survives the round trip unchanged is
 * exactly that spelling (no pattern check needed: the verifier decodes millions of these).
 */
export function decodeBase64Strict(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}
