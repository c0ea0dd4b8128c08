const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** False for strings with lone surrogates: they have no UTF-8 form, so nothing signed can hold them. */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}
