import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/requests';
import { useSession } from '../../session';

export type FulfilmentItem = components['schemas']['FulfilmentItemDto'];

/** The signed approval document a queue item carries (R18.5), as approvals issued it. */
export interface SignedDocument {
  readonly document: { readonly documentId: string; readonly number: string };
  readonly signature: string;
  readonly keyId: string;
}

export const signedDocumentOf = (item: FulfilmentItem): SignedDocument | undefined =>
  (item.decision?.signedDocument as SignedDocument | null | undefined) ?? undefined;

/** My organisation's fulfilment queue (R16.5), oldest first; shared by the queue, verification and export pages. */
export function useFulfilmentQueue() {
  const session = useSession()!;
  return useQuery({
    queryKey: ['fulfilment-queue', session.organisationId],
    queryFn: async () =>
      unwrap(
        await api.requests.GET('/owners/{organisationId}/fulfilment-queue', {
          params: { path: { organisationId: session.organisationId }, query: { limit: 200 } },
        }),
      ).items,
  });
}
