import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/** Cameras by name, from the registry's directory (100 ids a call); an unknown one shows as its id. */
export function useCameraNames(ids: readonly string[]): (id: string) => string {
  const wanted = [...new Set(ids)].sort();
  const query = useQuery({
    queryKey: ['directory-cameras', wanted],
    enabled: wanted.length > 0,
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const found = new Map<string, string>();
      for (let at = 0; at < wanted.length; at += 100) {
        const page = unwrap(
          await api.registry.GET('/directory/cameras', {
            params: { query: { id: wanted.slice(at, at + 100), limit: 100 } },
          }),
        );
        for (const c of page.items) found.set(c.id, c.name);
      }
      return found;
    },
  });
  return (id) => query.data?.get(id) ?? id;
}
