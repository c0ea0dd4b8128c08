import { Select, Space, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import type { components } from '../../api/custody';
import { api, unwrap } from '../../api/client';
import type { PageProps } from '../../pages';
import { usePagedList } from '../../paged-list';
import { linkProps } from '../../router';
import { formatInstant } from '../../time';
import { type Names, personLabel, useNames } from '../officer/officer-ui';
import { type OversightMessageKey, type OversightT, useOversightT } from './oversight-messages';
import { OversightPage, OversightTable } from './oversight-page';
import { listOf, withNote } from '../../i18n';

type Refusal = components['schemas']['CustodyRefusalDto'];

const PERIODS = { all: 0, '1d': 1, '7d': 7, '30d': 30 } as const;
type Period = keyof typeof PERIODS;
const DAY = 86_400_000;

/** The distinct values of one field, sorted, for a filter's options (the one chosen among them). */
const valuesOf = (rows: readonly Refusal[], pick: (r: Refusal) => string | undefined, chosen = '') =>
  [...new Set([...rows.map(pick), chosen].filter((v): v is string => !!v))].sort();

/** The list's columns: when, which step, the officers, the organ, the rule, why, and links to the package and its ledger entries. */
function refusalColumns(t: OversightT, names: Names): TableColumnsType<Refusal> {
  return [
    { title: t('evidence.col.time'), dataIndex: 'at', render: (at: string) => formatInstant(at) },
    { title: t('refusals.col.step'), dataIndex: 'refusedStep', render: (s?: string) => (s ? t(`refusals.step.${s}` as OversightMessageKey) : '') },
    {
      title: t('refusals.col.officers'),
      dataIndex: 'officers',
      render: (officers: Refusal['officers']) =>
        listOf(officers.map((o) => withNote(personLabel(names, o.personId, o.organisationId), o.credentialNumber))),
    },
    { title: t('refusals.col.organ'), dataIndex: 'organisationId', render: (id?: string) => (id ? names(id) ?? id : '') },
    { title: t('refusals.col.rule'), dataIndex: 'rule' },
    {
      title: t('refusals.col.reason'),
      key: 'reason',
      render: (_: unknown, r) => (
        <span style={{ overflowWrap: 'anywhere' }}>
          <code>{r.code}</code> {r.reason}
        </span>
      ),
    },
    {
      title: t('refusals.col.package'),
      key: 'package',
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={0}>
          <a {...linkProps(`/oversight/evidence/${encodeURIComponent(r.evidenceItemId)}`)}>{r.approvalDocumentNumber}</a>
          <a {...linkProps(`/oversight/ledger?aggregate=${encodeURIComponent(`hand-over-refusals:${r.evidenceItemId}`)}`)}>{t('refusals.ledger')}</a>
        </Space>
      ),
    },
  ];
}

/**
 * Refusals as a list with filters (issue 18, oversight): every refused hand-over, receipt or
 * download of the packages in the body's jurisdiction (custody's `GET /custody-refusals`, read
 * as each package's timeline reads them), filtered by time, organ, rule and code; names, not
 * ids; each linked to its package's chain of custody and to its ledger entries in the explorer.
 */
export default function RefusalsPage(_: PageProps) {
  const t = useOversightT();
  const [period, setPeriod] = useState<Period>('all');
  const [organ, setOrgan] = useState('');
  const [rule, setRule] = useState('');
  const [code, setCode] = useState('');
  // Taken when the period is chosen, so that the list's key stays put until the next choice.
  const since = useMemo(() => (PERIODS[period] === 0 ? undefined : new Date(Date.now() - PERIODS[period] * DAY).toISOString()), [period]);
  // Custody filters, so that every page holds only what is asked (issue 15: lists come in pages).
  const query = { from: since, organisationId: organ || undefined, rule: rule || undefined, code: code || undefined };
  const list = usePagedList(['custody-refusals', query], async (cursor) =>
    unwrap(await api.custody.GET('/custody-refusals', { params: { query: { ...query, cursor } } })),
  );
  const all = list.items;
  const names = useNames(all.flatMap((r) => [r.organisationId, r.ownerOrganisationId, ...r.officers.flatMap((o) => [o.personId, o.organisationId])]));
  // The organ filter also matches the refused officers' organs; the list shows the acting organ's.
  const shown = all.filter((r) => organ === '' || r.organisationId === organ);
  const filter = (id: string, label: string, value: string, set: (v: string) => void, options: { value: string; label: string }[]) => (
    <Space key={id}>
      <span id={id}>{label}</span>
      <Select aria-labelledby={id} style={{ minWidth: 180 }} value={value} onChange={set} options={[{ value: '', label: t('refusals.period.all') }, ...options]} />
    </Space>
  );
  return (
    <OversightPage title={t('refusals.title')} help={t('refusals.help')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Space>
          <span id="refusals-period">{t('refusals.filter.period')}</span>
          <Select<Period>
            aria-labelledby="refusals-period"
            style={{ minWidth: 140 }}
            value={period}
            onChange={setPeriod}
            options={(Object.keys(PERIODS) as Period[]).map((p) => ({ value: p, label: t(`refusals.period.${p}` as OversightMessageKey) }))}
          />
        </Space>
        {filter('refusals-organ', t('refusals.filter.organ'), organ, setOrgan, valuesOf(all, (r) => r.organisationId, organ).map((id) => ({ value: id, label: names(id) ?? id })))}
        {filter('refusals-rule', t('refusals.filter.rule'), rule, setRule, valuesOf(all, (r) => r.rule, rule).map((v) => ({ value: v, label: v })))}
        {filter('refusals-code', t('refusals.filter.code'), code, setCode, valuesOf(all, (r) => r.code, code).map((v) => ({ value: v, label: v })))}
      </Space>
      <OversightTable<Refusal>
        list={list}
        empty={t('refusals.empty')}
        tableLayout="fixed"
        rowKey={(r) => `${r.evidenceItemId}-${r.at}-${r.code ?? ''}`}
        dataSource={shown}
        onRow={(r) => ({ 'data-refusal': r.evidenceItemId }) as React.HTMLAttributes<HTMLElement>}
        columns={refusalColumns(t, names)}
      />
    </OversightPage>
  );
}
