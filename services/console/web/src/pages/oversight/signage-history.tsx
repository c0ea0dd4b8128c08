import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/registry';
import type { PageProps } from '../../pages';
import { formatInstant } from '../../time';
import { StatusTag } from './status-tag';
import { type SupervisionT, useSupervisionT } from './supervision-messages';
import { OversightPage } from './oversight-page';

/** A system's sign over time, as the registry answers it (R11.1). */
export type SignageHistory = components['schemas']['SignageHistoryDto'];
export type SignageEvidence = SignageHistory['evidence'][number];

/** A system's sign over time (R11.1): what it is now, and every photo and inspection record, newest first. */
export function SignageHistoryView({ history, t }: { history: SignageHistory; t: SupervisionT }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <span data-signage-now={history.signageShown ? 'shown' : 'missing'}>
        <Badge
          status={history.signageShown || !history.inPublicPlace ? 'success' : 'error'}
          text={!history.inPublicPlace ? t('signage.now.notPublic') : history.signageShown ? t('signage.now.shown') : t('signage.now.missing')}
        />
      </span>
      <Table<SignageEvidence>
        size="small"
        rowKey="evidenceId"
        pagination={false}
        dataSource={[...history.evidence].reverse()}
        locale={{ emptyText: t('signage.empty') }}
        columns={[
          { title: t('signage.col.observedAt'), dataIndex: 'observedAt', render: (at: string) => formatInstant(at, 'YYYY-MM-DD HH:mm') },
          { title: t('signage.col.kind'), dataIndex: 'kind', render: (k: SignageEvidence['kind']) => t(`signage.kind.${k}`) },
          {
            title: t('signage.col.shown'),
            dataIndex: 'shown',
            render: (shown: boolean, e: SignageEvidence) => (
              <>
                <StatusTag tone={shown ? 'green' : 'red'}>{shown ? t('signage.shown') : t('signage.missing')}</StatusTag>{' '}
                {e.rectifies ? t('signage.rectifies') : e.current ? '' : t('signage.older')}
              </>
            ),
          },
          {
            title: t('signage.col.proof'),
            dataIndex: 'evidenceId',
            render: (_: string, e: SignageEvidence) =>
              e.photo ? (
                <code title={e.photo.reference}>{e.photo.sha256.slice(0, 16)}…</code>
              ) : (
                e.inspectionReference
              ),
          },
          { title: t('signage.col.note'), dataIndex: 'note' },
        ]}
      />
    </Space>
  );
}

/** Oversight picks a system of its jurisdiction and reads its signage history (R11.1). */
export default function SignageHistoryPage(_: PageProps) {
  const t = useSupervisionT();
  const [systemId, setSystemId] = useState<string>();
  const systems = useQuery({
    queryKey: ['systems', 'public'],
    queryFn: async () =>
      unwrap(await api.registry.GET('/systems', { params: { query: { limit: 200 } } })).items,
  });
  const history = useQuery({
    queryKey: ['signage', systemId],
    enabled: systemId !== undefined,
    queryFn: async () => unwrap(await api.registry.GET('/systems/{id}/signage', { params: { path: { id: systemId! } } })),
  });
  return (
    <OversightPage title={t('signage.title')} help={t('signage.help')}>
      <Space style={{ marginBottom: 12 }}>
        <span id="signage-system">{t('signage.system')}</span>
        <Select
          aria-labelledby="signage-system"
          style={{ width: 360 }}
          showSearch={{ optionFilterProp: 'label' }}
          value={systemId}
          onChange={setSystemId}
          options={(systems.data ?? []).filter((s) => s.inPublicPlace).map((s) => ({ value: s.id, label: s.name }))}
        />
      </Space>
      {history.error ? <Alert type="error" title={history.error.message} /> : null}
      {history.data ? <SignageHistoryView history={history.data} t={t} /> : null}
    </OversightPage>
  );
}
