import { Button, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { PageProps } from '../../pages';
import { useNames } from '../officer/officer-ui';
import { defaultPeriod, entryLabel, useAnomalies, type AnomalyFigure, type LedgerEvidence, type Period } from './oversight-data';
import { useOversightT, type OversightMessageKey } from './oversight-messages';
import { PeriodPicker } from './period-picker';
import { StatusTag } from './status-tag';
import { OversightPage, OversightTable } from './oversight-page';

/** One ledger entry behind a figure: a click fetches its inclusion proof from the ledger, in this browser. */
function LedgerEntry({ evidence }: { evidence: LedgerEvidence }) {
  const t = useOversightT();
  const [proof, setProof] = useState<string>();
  const fetchProof = async () => {
    try {
      // The ledger's document declares no query parameters for it (see ledger-api.ts).
      const found = unwrap(await api.ledger.GET('/ledger/proofs/inclusion', { params: { query: { eventId: evidence.eventId } as never } }));
      setProof(t('anomalies.proof', { index: found.leafIndex, size: found.treeSize }));
    } catch (error) {
      setProof(t('anomalies.proof.failed', { reason: (error as Error).message }));
    }
  };
  return (
    <span>
      <Button type="link" size="small" onClick={() => void fetchProof()} title={evidence.eventId} data-testid="anomaly-entry">
        {entryLabel(evidence)}
      </Button>
      {proof ? <Typography.Text type="secondary">{proof}</Typography.Text> : null}
    </span>
  );
}

/** A labelled filter: all, or one of `options`. */
function Filter(props: { id: string; label: string; value: string; onChange: (value: string) => void; options: { value: string; label: string }[] }) {
  const t = useOversightT();
  return (
    <>
      <span id={props.id}>{props.label}</span>
      <Select aria-labelledby={props.id} style={{ width: 240 }} value={props.value} onChange={props.onChange} options={[{ value: '', label: t('anomalies.filter.all') }, ...props.options]} />
    </>
  );
}

/**
 * The anomaly figures of the oversight body's jurisdiction and a period (R27.1), filtered by
 * kind and organ, each with the ledger entries it rests on and their inclusion proofs.
 */
export default function AnomaliesPage(_: PageProps) {
  const t = useOversightT();
  const [period, setPeriod] = useState<Period>(() => defaultPeriod());
  const [kind, setKind] = useState('');
  const [organ, setOrgan] = useState('');
  const report = useAnomalies(period);
  const figures = report.data?.figures ?? [];
  const names = useNames(figures.map((f) => f.organisationId));
  const shown = figures.filter((f) => (kind === '' || f.kind === kind) && (organ === '' || f.organisationId === organ));
  const kinds = [...new Set(figures.map((f) => f.kind))].sort();
  const organs = [...new Set(figures.map((f) => f.organisationId))].sort();
  return (
    <OversightPage title={t('anomalies.title')} help={t('anomalies.help')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <PeriodPicker value={period} onChange={setPeriod} />
        <Filter id="anomaly-kind" label={t('anomalies.filter.kind')} value={kind} onChange={setKind} options={kinds.map((k) => ({ value: k, label: t(`anomaly.${k}` as OversightMessageKey) }))} />
        <Filter id="anomaly-organ" label={t('anomalies.filter.organ')} value={organ} onChange={setOrgan} options={organs.map((o) => ({ value: o, label: names(o) ?? o }))} />
      </Space>
      <OversightTable<AnomalyFigure>
        list={report}
        empty={t('anomalies.empty')}
        rowKey={(f) => `${f.kind}/${f.organisationId}/${f.subject}`}
        dataSource={shown}
        columns={[
          { title: t('anomalies.col.kind'), dataIndex: 'kind', render: (k: string) => <StatusTag tone="red">{t(`anomaly.${k}` as OversightMessageKey)}</StatusTag> },
          { title: t('anomalies.col.organ'), dataIndex: 'organisationId', render: (id: string) => names(id) ?? id },
          { title: t('anomalies.col.subject'), dataIndex: 'subject', render: (s: string) => s.split('+').map((id) => names(id) ?? id).join(' + ') },
          { title: t('anomalies.col.count'), dataIndex: 'count' },
          { title: t('anomalies.col.threshold'), dataIndex: 'threshold' },
          {
            title: t('anomalies.col.entries'),
            dataIndex: 'evidence',
            render: (evidence: LedgerEvidence[]) => (
              <Space wrap size={0}>
                {evidence.map((e) => (
                  <LedgerEntry key={e.eventId} evidence={e} />
                ))}
              </Space>
            ),
          },
        ]}
      />
    </OversightPage>
  );
}
