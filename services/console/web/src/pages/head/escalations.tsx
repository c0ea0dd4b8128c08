import { useQuery } from '@tanstack/react-query';
import { Card, Typography } from 'antd';
import type { components } from '../../api/requests';
import { api, unwrap } from '../../api/client';
import type { PageProps } from '../../pages';
import { formatInstant } from '../../time';
import { useNames } from '../officer/officer-ui';
import { owtOf } from '../owner/owner-messages';
import { useSystems } from '../owner/use-systems';
import { StatusTag } from '../oversight/status-tag';
import { useHeadT } from './messages';
import { ListTable } from '../../paged-list';
import { PageTitle } from '../../page-title';

type Escalated = components['schemas']['EscalatedRequestDto'];

const MINUTE = 'YYYY-MM-DD HH:mm';

/**
 * The supervising PSB's side of R16.5: the requests owners in its area left unfulfilled past
 * their deadline, escalated to this organ by the requests service, newest first, with whether
 * the owner has fulfilled them since. The bureau's head sees them beside the approval queue
 * (with an inbox count of those still open); its oversight officers too.
 */
export default function EscalationsPage(_: PageProps) {
  const t = useHeadT();
  const list = useQuery({
    queryKey: ['fulfilment-escalations'],
    queryFn: async () => unwrap(await api.requests.GET('/fulfilment-escalations', { params: { query: { limit: 200 } } })).items,
  });
  const rows = list.data ?? [];
  const names = useNames(rows.flatMap((r) => [r.ownerOrganisationId, r.organisationId]));
  const systems = useSystems(rows.map((r) => r.imageSystemId));
  return (
    <Card>
      <PageTitle>{t('escalations.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('escalations.help')}</Typography.Paragraph>
      <ListTable<Escalated>
        list={list}
        empty={t('escalations.empty')}
        rowKey={(r) => `${r.requestId}/${r.imageSystemId}`}
        dataSource={rows}
        tableLayout="fixed"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(r) => ({ 'data-escalation': r.requestId }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('escalations.col.escalatedAt'), dataIndex: 'escalatedAt', render: (at: string) => formatInstant(at, MINUTE) },
          { title: t('escalations.col.owner'), dataIndex: 'ownerOrganisationId', render: (id: string) => names(id) ?? id },
          { title: t('escalations.col.system'), dataIndex: 'imageSystemId', render: (id: string) => systems.data?.get(id)?.name ?? id },
          { title: t('escalations.col.kind'), dataIndex: 'kind', render: (k: string) => owtOf('kind', k) },
          { title: t('escalations.col.requester'), dataIndex: 'organisationId', render: (id: string) => names(id) ?? id },
          { title: t('escalations.col.case'), dataIndex: 'caseReference' },
          { title: t('escalations.col.deadline'), dataIndex: 'fulfilBy', render: (at: string) => formatInstant(at, MINUTE) },
          {
            title: t('escalations.col.state'),
            dataIndex: 'fulfilledSince',
            render: (done: boolean) => <StatusTag tone={done ? 'green' : 'red'}>{t(done ? 'escalations.fulfilled' : 'escalations.open')}</StatusTag>,
          },
        ]}
      />
    </Card>
  );
}
