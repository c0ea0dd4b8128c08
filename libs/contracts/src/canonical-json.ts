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

/**
 * An object's canonical text around the value of its member `key` (which it may or may not
 * have): the keys sort, so that member's place is fixed, and the text with any value there, or
 * without the member, is spliced from one canonicalisation of the rest. The store puts in an
 * event's sequence this way, the relay its signature.
 */
export class CanonicalSplice {
  /** The canonical members whose keys sort before `key`, and after it ('' for none). */
  private readonly below: string;
  private readonly above: string;

  constructor(
    object: Record<string, unknown>,
    private readonly key: string,
  ) {
    const below: Record<string, unknown> = {};
    const above: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(object)) if (k !== key) (k < key ? below : above)[k] = v;
    this.below = canonicalJson(below).slice(1, -1);
    this.above = canonicalJson(above).slice(1, -1);
  }

  /** The text before and after `key`'s value: `head + canonicalJson(value) + tail` is the object with that value. */
  around(): [string, string] {
    return [`{${this.below}${this.below === '' ? '' : ','}${JSON.stringify(this.key)}:`, `${this.above === '' ? '' : ','}${this.above}}`];
  }

  /** The object's canonical text without `key`. */
  without(): string {
    return `{${this.below}${this.below !== '' && this.above !== '' ? ',' : ''}${this.above}}`;
  }

  /** The object's canonical text with `key` set to `value`. */
  with(value: unknown): string {
    const [head, tail] = this.around();
    return head + canonicalJson(value) + tail;
  }
}
