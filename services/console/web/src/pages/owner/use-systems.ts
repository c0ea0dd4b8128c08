import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface SystemFacts {
  readonly name: string;
  /** The county PSB supervising the system, to whom an overdue request escalates (R16.5). */
  readonly supervisingOrganisationId: string | null;
}

/**
 * Image systems by id from the registry's `GET /systems/:id` (an owner reads its own, a PSB those
 * in its jurisdiction): name and supervising PSB. One the caller may not read is left out.
 */
export function useSystems(ids: readonly string[]) {
  const wanted = [...new Set(ids)].sort();
  return useQuery({
    queryKey: ['systems', wanted],
    enabled: wanted.length > 0,
    staleTime: 10 * 60_000,
    queryFn: async () => {
      const found = new Map<string, SystemFacts>();
      for (const id of wanted) {
        const { data } = await api.registry.GET('/systems/{id}', { params: { path: { id } } });
        if (data) found.set(id, { name: data.name, supervisingOrganisationId: data.supervisingOrganisationId });
      }
      return found;
    },
  });
}
