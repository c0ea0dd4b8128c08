import canonicalize from 'canonicalize';

/**
 * RFC 8785 (JCS) canonical JSON: the one byte form of a value that is hashed, signed and
 * appended to the audit ledger. Two services that hold the same event produce the same bytes.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}
