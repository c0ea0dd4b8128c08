import { useQuery } from '@tanstack/react-query';
import { Checkbox } from 'antd';
import { useState } from 'react';
import { SITE_CATEGORY_INFO } from '../../../../../../libs/domain/src/registry/site-category';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/registry';
import { getLocale, listOf } from '../../i18n';
import type { PageProps } from '../../pages';
import { formatInstant } from '../../time';
import { useNames } from '../officer/officer-ui';
import { StatusTag } from './status-tag';
import { useSupervisionT } from './supervision-messages';
import { OversightPage, OversightTable } from './oversight-page';

type Site = components['schemas']['MandatorySiteViewDto'];

const categoryLabel = (c: string) => {
  const info = SITE_CATEGORY_INFO[c as keyof typeof SITE_CATEGORY_INFO];
  return info ? (getLocale() === 'zh-CN' ? info.labelZh : info.label) : c;
};
const day = (at: string | null) => (at ? formatInstant(at, 'YYYY-MM-DD') : '—');

/** The mandatory sites of the jurisdiction and those without a system in use (R7.1, R7.2), as the registry lists them. */
export default function MandatorySitesPage(_: PageProps) {
  const t = useSupervisionT();
  const [onlyUncovered, setOnlyUncovered] = useState(true);
  const sites = useQuery({
    queryKey: ['mandatory-sites', onlyUncovered],
    queryFn: async () =>
      unwrap(await api.registry.GET('/mandatory-sites', { params: { query: { limit: 200, ...(onlyUncovered ? { covered: false } : {}) } } })),
  });
  const names = useNames((sites.data?.items ?? []).flatMap((s) => s.coveringSystemIds));
  return (
    <OversightPage title={t('sites.title')} help={t('sites.help', { days: sites.data?.graceDays ?? 90 })}>
      <Checkbox checked={onlyUncovered} onChange={(e) => setOnlyUncovered(e.target.checked)} style={{ marginBottom: 12 }}>
        {t('sites.onlyUncovered')}
      </Checkbox>
      <OversightTable<Site>
        list={sites}
        empty={t('sites.empty')}
        rowKey="id"
        dataSource={sites.data?.items ?? []}
        onRow={(s) => ({ 'data-site-id': s.id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('sites.col.name'), dataIndex: 'name' },
          { title: t('sites.col.category'), dataIndex: 'category', render: categoryLabel },
          { title: t('sites.col.rule'), dataIndex: 'rule' },
          { title: t('sites.col.address'), dataIndex: 'address' },
          { title: t('sites.col.covering'), dataIndex: 'coveringSystemIds', render: (ids: string[]) => listOf(ids.map((id) => names(id) ?? id)) || '—' },
          { title: t('sites.col.since'), dataIndex: 'uncoveredSince', render: day },
          { title: t('sites.col.due'), dataIndex: 'dueAt', render: day },
          {
            title: '',
            dataIndex: 'overdue',
            render: (overdue: boolean, s: Site) =>
              s.coveringSystemIds.length > 0 ? (
                <StatusTag tone="green">{t('sites.covered')}</StatusTag>
              ) : overdue ? (
                <StatusTag tone="red">{t('sites.overdue')}</StatusTag>
              ) : (
                <StatusTag tone="blue">{t('sites.inGrace')}</StatusTag>
              ),
          },
        ]}
      />
    </OversightPage>
  );
}
