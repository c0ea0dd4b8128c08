/** How the generator writes an OpenAPI document, so a comparison is byte for byte. */
export function canonicalJson(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
