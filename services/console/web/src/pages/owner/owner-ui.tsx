import { useQuery } from '@tanstack/react-query';
import { Alert, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/requests';
import { useSession } from '../../session';
import { refusalOf } from '../officer/officer-messages';
import { owt } from './owner-messages';

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

/** A refusal as the owner reads it: plain words (the officers' dictionary of codes), the rule and the code. */
export function OwnerRefusal({ error, title }: { error: unknown; title: string }) {
  if (!error) return null;
  const refusal = refusalOf(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 4 }}>{refusal.text}</Typography.Paragraph>
          {refusal.rule ? <Typography.Text>{owt('refusal.rule', { rule: refusal.rule })}</Typography.Text> : null}
          {refusal.code ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {owt('refusal.code', { code: refusal.code })}
            </Typography.Text>
          ) : null}
        </>
      }
    />
  );
}
