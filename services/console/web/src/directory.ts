import { useQuery } from '@tanstack/react-query';

/** The registry's directory answers at most this many ids a call. */
const DIRECTORY_BATCH = 100;

/**
 * Names behind ids from one of the registry's directory lists, asked for in batches of 100 and
 * kept for five minutes: what the id → name hooks of the pages share. Unknown while loading.
 */
export function useDirectory(
  list: string,
  ids: readonly (string | null | undefined)[],
  batch: (ids: string[]) => Promise<readonly { readonly id: string; readonly name: string }[]>,
): ReadonlyMap<string, string> | undefined {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))].sort();
  const query = useQuery({
    queryKey: [`directory-${list}`, wanted],
    enabled: wanted.length > 0,
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const found = new Map<string, string>();
      for (let at = 0; at < wanted.length; at += DIRECTORY_BATCH) {
        for (const entry of await batch(wanted.slice(at, at + DIRECTORY_BATCH))) found.set(entry.id, entry.name);
      }
      return found;
    },
  });
  return query.data;
}
