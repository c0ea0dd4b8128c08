import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/registry';
import type { PageProps } from '../../pages';
import { useSession } from '../../session';
import { formatInstant } from '../../time';
import { RefusalAlert, useNames } from '../officer/officer-ui';
import { StatusTag } from './status-tag';
import { useSupervisionT } from './supervision-messages';
import { OversightPage, OversightTable } from './oversight-page';
import { withNote } from '../../i18n';

type Report = components['schemas']['FacilityChangeQueueItemDto'];

const at = (instant: string | null) => (instant ? formatInstant(instant, 'YYYY-MM-DD HH:mm') : '—');

/** The change reports addressed to the signed-in organ, oldest first, each acknowledged here (R15.1). */
export default function ChangeReportsPage(_: PageProps) {
  const t = useSupervisionT();
  const session = useSession()!;
  const queryClient = useQueryClient();
  const [onlyOpen, setOnlyOpen] = useState(true);
  const reports = useQuery({
    queryKey: ['facility-changes', session.organisationId, onlyOpen],
    queryFn: async () =>
      unwrap(
        await api.registry.GET('/facility-changes', {
          params: { query: { addressedTo: session.organisationId, limit: 200, ...(onlyOpen ? { acknowledged: false } : {}) } },
        }),
      ).items,
  });
  const names = useNames((reports.data ?? []).map((r) => r.ownerOrganisationId));
  const acknowledge = useMutation({
    mutationFn: async (r: Report) =>
      unwrap(
        await api.registry.POST('/systems/{systemId}/changes/{changeId}/acknowledgement', {
          params: { path: { systemId: r.imageSystemId, changeId: r.changeId } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['facility-changes'] }),
  });
  return (
    <OversightPage title={t('changes.title')} help={t('changes.help')}>
      <Checkbox checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} style={{ marginBottom: 12 }}>
        {t('changes.onlyOpen')}
      </Checkbox>
      <RefusalAlert error={acknowledge.error} title={t('changes.refused')} />
      <OversightTable<Report>
        list={reports}
        empty={t('changes.empty')}
        rowKey="changeId"
        dataSource={reports.data ?? []}
        onRow={(r) => ({ 'data-change-id': r.changeId }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('changes.col.system'),
            dataIndex: 'systemName',
            render: (name: string | null, r: Report) => withNote(name ?? r.imageSystemId, names(r.ownerOrganisationId) ?? r.ownerOrganisationId),
          },
          { title: t('changes.col.kind'), dataIndex: 'kind', render: (k: Report['kind']) => t(`changes.kind.${k}`) },
          { title: t('changes.col.description'), dataIndex: 'description' },
          { title: t('changes.col.changedAt'), dataIndex: 'changedAt', render: at },
          { title: t('changes.col.reportedAt'), dataIndex: 'reportedAt', render: at },
          { title: t('changes.col.deadline'), dataIndex: 'deadline', render: at },
          {
            title: t('changes.col.status'),
            dataIndex: 'late',
            render: (late: boolean, r: Report) => (
              <>
                {late ? <StatusTag tone="red">{t('changes.late')}</StatusTag> : <StatusTag tone="green">{t('changes.onTime')}</StatusTag>}{' '}
                {r.acknowledgedAt ? t('changes.acknowledged', { at: at(r.acknowledgedAt) }) : t('changes.open')}
              </>
            ),
          },
          {
            title: '',
            dataIndex: 'changeId',
            render: (_: string, r: Report) =>
              r.acknowledgedAt ? null : (
                <Button size="small" type="primary" loading={acknowledge.isPending && acknowledge.variables?.changeId === r.changeId} onClick={() => acknowledge.mutate(r)}>
                  {t('changes.acknowledge')}
                </Button>
              ),
          },
        ]}
      />
    </OversightPage>
  );
}
