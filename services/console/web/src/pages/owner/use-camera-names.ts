import { api, unwrap } from '../../api/client';
import { useDirectory } from '../../directory';

/** Cameras by name, from the registry's directory; an unknown one shows as its id. */
export function useCameraNames(ids: readonly string[]): (id: string) => string {
  const found = useDirectory('cameras', ids, async (batch) =>
    unwrap(await api.registry.GET('/directory/cameras', { params: { query: { id: batch, limit: 100 } } })).items,
  );
  return (id) => found?.get(id) ?? id;
}
