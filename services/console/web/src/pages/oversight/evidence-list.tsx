import { Checkbox, Select, Space } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { PageProps } from '../../pages';
import { usePagedList } from '../../paged-list';
import { linkProps } from '../../router';
import { useNames } from '../officer/officer-ui';
import type { EvidenceItem } from './custody-data';
import { useOversightT } from './oversight-messages';
import { StatusTag } from './status-tag';
import { OversightPage, OversightTable } from './oversight-page';

/**
 * Every evidence item in the oversight body's jurisdiction (custody decides which), filtered by
 * status and integrity alarm (the anomalies custody records today), each linking to its chain.
 */
export default function EvidenceListPage(_: PageProps) {
  const t = useOversightT();
  const [alarmOnly, setAlarmOnly] = useState(false);
  const [status, setStatus] = useState<string>('');
  const items = usePagedList(['evidence-items', 'oversight'], async (cursor) =>
    unwrap(await api.custody.GET('/evidence-items', { params: { query: { cursor } } })),
  );
  const all = items.items;
  const names = useNames(all.flatMap((i) => [i.ownerOrganisationId, i.holderOrganisationId]));
  const shown = all.filter((i) => (!alarmOnly || i.alarm) && (status === '' || i.status === status));
  const statuses = [...new Set(all.map((i) => i.status))].sort();
  return (
    <OversightPage title={t('evidence.list.title')} help={t('evidence.list.help')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Checkbox checked={alarmOnly} onChange={(e) => setAlarmOnly(e.target.checked)}>
          {t('evidence.filter.alarm')}
        </Checkbox>
        <span id="evidence-status">{t('evidence.filter.status')}</span>
        <Select
          aria-labelledby="evidence-status"
          style={{ width: 200 }}
          value={status}
          onChange={setStatus}
          options={[{ value: '', label: t('evidence.filter.all') }, ...statuses.map((s) => ({ value: s, label: s }))]}
        />
      </Space>
      <OversightTable<EvidenceItem>
        list={items}
        empty={t('evidence.empty')}
        rowKey="evidenceItemId"
        dataSource={shown}
        columns={[
          { title: t('evidence.col.document'), dataIndex: 'approvalDocumentNumber' },
          { title: t('evidence.col.owner'), dataIndex: 'ownerOrganisationId', render: (id: string) => names(id) ?? id },
          { title: t('evidence.col.holder'), dataIndex: 'holderOrganisationId', render: (id: string) => names(id) ?? id },
          { title: t('evidence.col.status'), dataIndex: 'status' },
          { title: t('evidence.col.hash'), dataIndex: 'packageSha256', render: (h: string) => <code>{h.slice(0, 16)}…</code> },
          { title: t('evidence.col.alarm'), dataIndex: 'alarm', render: (a: boolean) => (a ? <StatusTag tone="red">{t('evidence.alarm')}</StatusTag> : null) },
          {
            title: '',
            dataIndex: 'evidenceItemId',
            render: (id: string) => <a {...linkProps(`/oversight/evidence/${encodeURIComponent(id)}`)}>{t('evidence.open')}</a>,
          },
        ]}
      />
    </OversightPage>
  );
}
