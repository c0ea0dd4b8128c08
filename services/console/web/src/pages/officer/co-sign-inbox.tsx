import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card } from 'antd';
import { api, unwrap } from '../../api/client';
import { useLocale } from '../../i18n';
import type { PageProps } from '../../pages';
import { useSession } from '../../session';
import { ot, type OfficerKey } from './officer-messages';
import { RefusalAlert } from './officer-ui';
import { RequestTable } from './request-table';
import { PageTitle } from '../../page-title';

/**
 * Colleagues' requests waiting for my co-signature (R18.1), oldest first; co-signing shows the
 * credential of my token, which the requests service checks against the registry (R18.2).
 */
export default function CoSignInboxPage(_: PageProps) {
  useLocale();
  const session = useSession()!;
  const queryClient = useQueryClient();
  const inbox = useQuery({
    queryKey: ['requests', 'awaiting-co-signature'],
    queryFn: async () => unwrap(await api.requests.GET('/requests/awaiting-co-signature', { params: { query: { limit: 200 } } })),
  });
  const coSign = useMutation({
    mutationFn: async (id: string) => unwrap(await api.requests.POST('/requests/{id}/co-sign', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['requests'] }),
  });
  const credential = session.credentialNumber ?? '—';
  return (
    <Card>
      <PageTitle>{ot('cosign.title')}</PageTitle>
      {coSign.error ? <RefusalAlert error={coSign.error} /> : null}
      {coSign.data ? <Alert type="success" showIcon role="status" title={ot('cosign.done', { status: ot(`status.${coSign.data.status}` as OfficerKey) })} /> : null}
      <RequestTable
        rows={inbox.data?.items ?? []}
        loading={inbox.isLoading}
        empty={ot('cosign.empty')}
        action={(row) => (
          <Button type="primary" size="small" loading={coSign.isPending && coSign.variables === row.requestId} onClick={() => coSign.mutate(row.requestId)}>
            {ot('cosign.action', { credential })}
          </Button>
        )}
      />
    </Card>
  );
}
