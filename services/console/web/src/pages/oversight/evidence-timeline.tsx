import { Alert, Button, Card, Descriptions, Space, Spin, Table } from 'antd';
import { useState } from 'react';
import type { PageProps } from '../../pages';
import { linkProps } from '../../router';
import { getSession } from '../../session';
import { formatInstant } from '../../time';
import { stepColour, stepText, type AnyStep } from '../officer/timeline';
import { type CustodyStep, evidenceAggregateId, type EvidenceItem, hexOf, useCustodyChain } from './custody-data';
import { type OversightT, useOversightT } from './oversight-messages';
import { StatusTag } from './status-tag';

/** Fetches with the caller's token and saves the answer as a file (a link cannot carry the token). */
export async function downloadWithToken(url: string, fileName: string): Promise<void> {
  const session = getSession();
  const res = await fetch(url, { headers: session ? { Authorization: `Bearer ${session.accessToken}` } : {} });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

type CustodyChain = ReturnType<typeof useCustodyChain>;

/** The package: its approval document, owner, holder, status, window and hash. */
function EvidenceFacts({ item, names, t }: { item: EvidenceItem; names: CustodyChain['names']; t: OversightT }) {
  return (
    <Card>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('evidence.col.document')}>{item.approvalDocumentNumber}</Descriptions.Item>
        <Descriptions.Item label={t('evidence.item')}>{item.evidenceItemId}</Descriptions.Item>
        <Descriptions.Item label={t('evidence.col.owner')}>{names(item.ownerOrganisationId) ?? item.ownerOrganisationId}</Descriptions.Item>
        <Descriptions.Item label={t('evidence.col.holder')}>{names(item.holderOrganisationId) ?? item.holderOrganisationId}</Descriptions.Item>
        <Descriptions.Item label={t('evidence.col.status')}>
          {item.status} {item.alarm ? <StatusTag tone="red">{t('evidence.alarm')}</StatusTag> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('evidence.window')}>
          {formatInstant(item.window.from)} – {formatInstant(item.window.to)}
        </Descriptions.Item>
        <Descriptions.Item label={t('evidence.hash')}>
          <code data-testid="package-hash" style={{ wordBreak: 'break-all' }}>
            {item.packageSha256}
          </code>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** Every custody step with its time, persons and organs by name, and the refusal code of a refused one. */
function CustodySteps({ timeline, names, t }: {
  timeline: CustodyChain['timeline'];
  names: CustodyChain['names'];
  t: OversightT;
}) {
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('evidence.steps')}</h2>}>
      {timeline.isLoading ? <Spin /> : null}
      {timeline.error ? <Alert type="error" title={timeline.error.message} /> : null}
      <Table<CustodyStep>
        size="small"
        rowKey={(s) => `${s.at}-${s.step}-${s.handOverId ?? ''}-${s.code ?? ''}`}
        pagination={false}
        dataSource={timeline.data?.steps ?? []}
        columns={[
          { title: t('evidence.col.time'), dataIndex: 'at', render: (at: string) => formatInstant(at) },
          {
            title: t('evidence.col.step'),
            render: (_: unknown, s) => <StatusTag tone={stepColour(s as AnyStep)}>{stepText(s as AnyStep, names)}</StatusTag>,
          },
          { title: t('evidence.col.refusal'), render: (_: unknown, s) => (s.code ? <code>{s.code}</code> : null) },
        ]}
      />
    </Card>
  );
}

/** The package's ledger entries with their inclusion proofs, verified in this browser. */
function LedgerEntries({ ledger, t }: { ledger: CustodyChain['ledger']; t: OversightT }) {
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('evidence.ledger')}</h2>}>
      {ledger.isLoading ? <Spin /> : null}
      {ledger.error ? <Alert type="error" title={ledger.error.message} /> : null}
      {ledger.data ? (
        <>
          <Alert
            data-testid="ledger-proofs"
            type={ledger.data.entries.every((e) => e.proven) && !ledger.data.signatureError ? 'success' : 'error'}
            title={
              ledger.data.signatureError
                ? t('explorer.signature.bad', { reason: ledger.data.signatureError })
                : ledger.data.entries.every((e) => e.proven)
                  ? t('evidence.ledger.ok', { n: ledger.data.entries.length, size: ledger.data.treeSize })
                  : t('evidence.ledger.bad')
            }
            description={ledger.data.pending > 0 ? t('evidence.ledger.pending', { n: ledger.data.pending }) : undefined}
          />
          <Table
            size="small"
            rowKey="leafIndex"
            pagination={false}
            style={{ marginTop: 12 }}
            dataSource={[...ledger.data.entries]}
            columns={[
              { title: t('explorer.aggregate.col.index'), dataIndex: 'leafIndex' },
              { title: t('evidence.col.time'), dataIndex: 'appendedAt', render: (v: string) => formatInstant(v) },
              { title: t('explorer.aggregate.col.type'), dataIndex: 'type' },
              { title: t('report.leaf'), dataIndex: 'leafHash', render: (v: string) => <code>{hexOf(v).slice(0, 24)}…</code> },
              {
                title: t('explorer.aggregate.col.proof'),
                dataIndex: 'proven',
                render: (ok: boolean) => <StatusTag tone={ok ? 'green' : 'red'} data-proof={ok ? 'ok' : 'bad'}>{t(ok ? 'explorer.aggregate.proof.ok' : 'explorer.aggregate.proof.bad')}</StatusTag>,
              },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}

/**
 * One package's whole chain of custody (issue 18, oversight): export, hand-over, receipt,
 * checks, transfers, deliveries and refusals with times, persons and organs by name, the
 * package hash, and its ledger entries with their inclusion proofs verified in this browser.
 */
export default function EvidenceTimelinePage({ params }: PageProps) {
  const t = useOversightT();
  const id = params.evidenceItemId;
  const { item, timeline, ledger, names } = useCustodyChain(id);
  const [error, setError] = useState<string | null>(null);
  const doc = item.data?.approvalDocumentNumber ?? '…';
  const run = (work: Promise<void>) => void work.catch((e: Error) => setError(e.message));
  return (
    <div style={{ maxWidth: 1200 }}>
      <h1 style={{ fontSize: 20 }}>{t('evidence.title', { document: doc })}</h1>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {item.error ? <Alert type="error" title={item.error.message} /> : null}
        {error ? <Alert type="error" title={error} /> : null}
        <Space wrap>
          <a {...linkProps(`/oversight/evidence/${encodeURIComponent(id)}/report`)}>{t('evidence.report')}</a>
          <Button onClick={() => run(downloadWithToken(`/pdf/custody-reports/${encodeURIComponent(id)}`, `custody-report-${doc}.pdf`))}>
            {t('evidence.pdf')}
          </Button>
          <Button
            onClick={() =>
              run(
                downloadWithToken(
                  `/api/ledger/v1/ledger/aggregates/${encodeURIComponent(evidenceAggregateId(id))}/evidence-bundle`,
                  `evidence-bundle-${doc}.json`,
                ),
              )
            }
          >
            {t('evidence.bundle')}
          </Button>
        </Space>
        {item.data ? <EvidenceFacts item={item.data} names={names} t={t} /> : null}
        <CustodySteps timeline={timeline} names={names} t={t} />
        <LedgerEntries ledger={ledger} t={t} />
      </Space>
    </div>
  );
}
