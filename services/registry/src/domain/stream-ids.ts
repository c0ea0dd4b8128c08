/**
 * Stream ids are namespaced by aggregate kind, so an organisation and a system may share a
 * public id without sharing a stream, and a reader of the log (the ledger, another service)
 * knows what each stream is from its id alone.
 */
export const streamOf = {
  organisation: (id: string) => `organisation:${id}`,
  officer: (id: string) => `officer:${id}`,
  system: (id: string) => `image-system:${id}`,
};

/** The public id of a stream (`organisation:org-1` → `org-1`). */
export function idOfStream(streamId: string): string {
  return streamId.slice(streamId.indexOf(':') + 1);
}
