/**
 * `value` without its members that are undefined, so that an answer's optional fields are
 * absent rather than present and undefined (what the read tests and clients compare).
 */
export function withoutUndefined<T extends object>(value: T): T {
  const copy = { ...value };
  for (const key of Object.keys(copy) as (keyof T)[]) if (copy[key] === undefined) delete copy[key];
  return copy;
}
