const STD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Standard, padded base64 and nothing else. Node's own decoder skips junk and accepts
 * unpadded or URL-safe input; for signed and hashed data, two spellings of one value would
 * let a note or an export change while still "decoding to the same bytes".
 */
export function decodeBase64Strict(text: string): Buffer | undefined {
  if (!STD_BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  // The regex admits non-zero padding bits ("AB==" vs "AA=="); the round trip refuses them.
  return bytes.toString('base64') === text ? bytes : undefined;
}
