import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Input, Select, Space, Spin, Table, Typography } from 'antd';
import { Buffer } from 'buffer/';
import { useState } from 'react';
import type { PageProps } from '../../pages';
import { linkProps } from '../../router';
import { formatInstant } from '../../time';
import { aggregateHistory, consistencyProof, gapStatus, latestCheckpoint, type CheckpointView } from './ledger-api';
import { type OversightT, useOversightT } from './oversight-messages';
import { StatusTag } from './status-tag';
import { PINNED_KEY_STORAGE } from './pinned-key';
import { consistencyHolds, inclusionHolds, openSigned, type OpenedCheckpoint } from './verify/ledger-proofs';

/** Checkpoints this browser has seen, verified, oldest first: the auditor's own history, not the server's. */
const SEEN_STORAGE = 'custos.ledger.seenCheckpoints';
const SEEN_KEEP = 50;

interface SeenCheckpoint extends OpenedCheckpoint {
  readonly signedAt: string;
  readonly seenAt: string;
  /** Whether the consistency proof from the previous one held (undefined for the first). */
  readonly consistent?: boolean;
}

function readSeen(origin: string): SeenCheckpoint[] {
  try {
    const all = JSON.parse(localStorage.getItem(SEEN_STORAGE) ?? '[]') as SeenCheckpoint[];
    return all.filter((c) => c.origin === origin);
  } catch {
    return [];
  }
}

/**
 * Opens the latest checkpoint with the pinned key and, when it is newer than the last one this
 * browser saw, verifies the consistency proof between the two before recording it.
 */
async function observeLatest(pinnedKey: string): Promise<{ latest: CheckpointView; opened: OpenedCheckpoint | { error: string }; seen: SeenCheckpoint[] }> {
  const latest = await latestCheckpoint();
  const opened = openSigned(latest.checkpoint, pinnedKey || latest.publicKey, latest.origin);
  let seen = readSeen(latest.origin);
  if ('error' in opened) return { latest, opened, seen };
  const last = seen[seen.length - 1];
  if (last === undefined || last.size < opened.size) {
    const consistent =
      last === undefined || last.size === 0 ? undefined : consistencyHolds(last, opened, await consistencyProof(last.size, opened.size));
    seen = [...seen, { ...opened, signedAt: latest.signedAt, seenAt: new Date().toISOString(), ...(consistent === undefined ? {} : { consistent }) }].slice(-SEEN_KEEP);
    localStorage.setItem(SEEN_STORAGE, JSON.stringify(seen));
  }
  return { latest, opened, seen };
}

const short = (b64: string) => `${Buffer.from(b64, 'base64').toString('hex').slice(0, 16)}…`;

function ConsistencyCheck({ t, seen }: { t: OversightT; seen: readonly SeenCheckpoint[] }) {
  const sizes = [...new Set(seen.map((c) => c.size))].filter((s) => s > 0);
  const [from, setFrom] = useState<number | undefined>(sizes[0]);
  const [to, setTo] = useState<number | undefined>(sizes[sizes.length - 1]);
  const [result, setResult] = useState<{ from: number; to: number; ok: boolean } | { error: string } | null>(null);
  const check = async () => {
    const a = seen.find((c) => c.size === from);
    const b = seen.find((c) => c.size === to);
    if (!a || !b) return;
    try {
      setResult({ from: a.size, to: b.size, ok: a.size <= b.size && consistencyHolds(a, b, await consistencyProof(a.size, b.size)) });
    } catch (e) {
      setResult({ error: (e as Error).message });
    }
  };
  const options = sizes.map((s) => ({ value: s, label: String(s) }));
  return (
    <Space wrap>
      <span id="consistency-from">{t('explorer.consistency.from')}</span>
      <Select aria-labelledby="consistency-from" style={{ width: 140 }} options={options} value={from} onChange={setFrom} />
      <span id="consistency-to">{t('explorer.consistency.to')}</span>
      <Select aria-labelledby="consistency-to" style={{ width: 140 }} options={options} value={to} onChange={setTo} />
      <Button onClick={() => void check()} disabled={from === undefined || to === undefined}>
        {t('explorer.consistency.check')}
      </Button>
      {result && 'error' in result ? <Alert type="error" title={result.error} /> : null}
      {result && !('error' in result) ? (
        <Alert
          data-testid="consistency-result"
          type={result.ok ? 'success' : 'error'}
          title={t(result.ok ? 'explorer.consistency.ok' : 'explorer.consistency.bad', { from: result.from, to: result.to })}
        />
      ) : null}
    </Space>
  );
}

function AggregateEntries({ t, pinnedKey }: { t: OversightT; pinnedKey: string }) {
  const [draft, setDraft] = useState(() => new URLSearchParams(window.location.search).get('aggregate') ?? '');
  const [aggregateId, setAggregateId] = useState(draft);
  const history = useQuery({
    queryKey: ['ledger-history', aggregateId],
    enabled: aggregateId !== '',
    retry: false,
    queryFn: async () => {
      const h = await aggregateHistory(aggregateId);
      const opened = openSigned(h.checkpoint, pinnedKey || h.publicKey, h.origin);
      const rows = h.items.map((item) => ({
        ...item,
        proven: !('error' in opened) && inclusionHolds(item, opened.size, opened.rootHash),
      }));
      return { history: h, opened, rows };
    },
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space.Compact style={{ maxWidth: 560, width: '100%' }}>
        <Input aria-label={t('explorer.aggregate.id')} placeholder={t('explorer.aggregate.id')} value={draft} onChange={(e) => setDraft(e.target.value)} onPressEnter={() => setAggregateId(draft.trim())} />
        <Button type="primary" onClick={() => setAggregateId(draft.trim())}>
          {t('explorer.aggregate.show')}
        </Button>
      </Space.Compact>
      {history.isLoading ? <Spin /> : null}
      {history.error ? <Alert type="error" title={history.error.message} /> : null}
      {history.data ? (
        <>
          <Typography.Text>
            {'error' in history.data.opened
              ? t('explorer.signature.bad', { reason: history.data.opened.error })
              : t('explorer.aggregate.under', { size: history.data.opened.size })}
          </Typography.Text>
          <Table
            size="small"
            rowKey="leafIndex"
            pagination={false}
            dataSource={history.data.rows}
            columns={[
              { title: t('explorer.aggregate.col.index'), dataIndex: 'leafIndex' },
              { title: t('explorer.aggregate.col.time'), dataIndex: 'appendedAt', render: (v: string) => formatInstant(v) },
              { title: t('explorer.aggregate.col.type'), dataIndex: 'type' },
              { title: t('explorer.aggregate.col.service'), dataIndex: 'service' },
              { title: t('explorer.aggregate.col.leaf'), dataIndex: 'leafHash', render: (v: string) => <code>{short(v)}</code> },
              {
                title: t('explorer.aggregate.col.proof'),
                dataIndex: 'proven',
                render: (ok: boolean) => (
                  <StatusTag tone={ok ? 'green' : 'red'} data-proof={ok ? 'ok' : 'bad'}>
                    {t(ok ? 'explorer.aggregate.proof.ok' : 'explorer.aggregate.proof.bad')}
                  </StatusTag>
                ),
              },
            ]}
          />
          {history.data.history.pending.length > 0 ? (
            <Typography.Text type="secondary">{t('explorer.aggregate.pending', { n: history.data.history.pending.length })}</Typography.Text>
          ) : null}
          <Space>
            <a {...linkProps(`/oversight/evidence/${encodeURIComponent(aggregateId)}`)}>{t('explorer.aggregate.timeline')}</a>
          </Space>
        </>
      ) : null}
    </Space>
  );
}

type Observed = Awaited<ReturnType<typeof observeLatest>>;

/** The latest checkpoint, with its signature checked here against the pinned key. */
function LatestCheckpoint({ t, data, pinnedKey }: { t: OversightT; data: Observed; pinnedKey: string }) {
  return (
    <Descriptions column={1} bordered size="small">
      <Descriptions.Item label={t('explorer.origin')}>{data.latest.origin}</Descriptions.Item>
      <Descriptions.Item label={t('explorer.size')}>
        <span data-testid="checkpoint-size">{data.latest.treeSize}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('explorer.root')}>
        <code style={{ wordBreak: 'break-all' }}>{data.latest.rootHash}</code>
      </Descriptions.Item>
      <Descriptions.Item label={t('explorer.signedAt')}>{formatInstant(data.latest.signedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('explorer.archived')}>
        <code>{data.latest.archivedAs.key}</code>
      </Descriptions.Item>
      <Descriptions.Item label={t('explorer.signature')}>
        <span data-testid="checkpoint-signature">
          {'error' in data.opened
            ? t('explorer.signature.bad', { reason: data.opened.error })
            : t(pinnedKey ? 'explorer.signature.ok' : 'explorer.signature.okUnpinned')}
        </span>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** The checkpoints this browser has seen, newest first, each with its consistency with the one before. */
function SeenCheckpoints({ t, seen }: { t: OversightT; seen: Observed['seen'] }) {
  return (
    <Table
      size="small"
      rowKey="size"
      pagination={false}
      dataSource={[...seen].reverse()}
      columns={[
        { title: t('explorer.size'), dataIndex: 'size' },
        { title: t('explorer.root'), dataIndex: 'rootHash', render: (v: string) => <code>{short(v)}</code> },
        { title: t('explorer.signedAt'), dataIndex: 'signedAt', render: (v: string) => formatInstant(v) },
        { title: t('explorer.history.seenAt'), dataIndex: 'seenAt', render: (v: string) => formatInstant(v) },
        {
          title: t('explorer.history.consistent'),
          dataIndex: 'consistent',
          render: (v: boolean | undefined) =>
            v === undefined ? t('explorer.history.first') : <StatusTag tone={v ? 'green' : 'red'}>{t(v ? 'explorer.yes' : 'explorer.no')}</StatusTag>,
        },
      ]}
    />
  );
}

/**
 * The ledger explorer (issue 18, oversight): the latest checkpoint with its signature checked
 * here against the pinned key, the checkpoints this browser has seen with the consistency
 * between each and the next verified here, consistency between any two of them, the ledger's
 * gap alarms, and one aggregate's entries with their inclusion proofs verified here.
 */
export default function LedgerExplorerPage(_: PageProps) {
  const t = useOversightT();
  const pinnedKey = localStorage.getItem(PINNED_KEY_STORAGE) ?? '';
  const latest = useQuery({ queryKey: ['ledger-latest', pinnedKey], queryFn: () => observeLatest(pinnedKey), retry: false });
  const gaps = useQuery({ queryKey: ['ledger-gaps'], queryFn: gapStatus, retry: false });
  const data = latest.data;
  return (
    <div style={{ maxWidth: 1100 }}>
      <h1 style={{ fontSize: 20 }}>{t('explorer.title')}</h1>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {pinnedKey ? null : <Alert type="warning" showIcon title={t('explorer.keyUnpinned')} />}
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('explorer.latest')}</h2>}>
          {latest.isLoading ? <Spin /> : null}
          {latest.error ? <Alert type="error" title={latest.error.message} /> : null}
          {data ? (
            <LatestCheckpoint t={t} data={data} pinnedKey={pinnedKey} />
          ) : null}
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('explorer.history')}</h2>}>
          <Typography.Paragraph type="secondary">{t('explorer.history.help')}</Typography.Paragraph>
          {data ? (
            <>
              <SeenCheckpoints t={t} seen={data.seen} />
              <h3 style={{ fontSize: 14, marginTop: 16 }}>{t('explorer.consistency')}</h3>
              <ConsistencyCheck t={t} seen={data.seen} />
            </>
          ) : null}
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('explorer.gaps')}</h2>}>
          {gaps.error ? <Alert type="error" title={gaps.error.message} /> : null}
          {gaps.data ? (
            gaps.data.contiguous ? (
              <Alert data-testid="gap-status" type="success" title={t('explorer.gaps.none', { at: gaps.data.checkedAt ? formatInstant(gaps.data.checkedAt) : '—' })} />
            ) : (
              <Alert
                data-testid="gap-status"
                type="error"
                title={t('explorer.gaps.open', { n: gaps.data.openAlarms })}
                description={gaps.data.lines.map((line) => <div key={line}>{line}</div>)}
              />
            )
          ) : null}
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('explorer.aggregate')}</h2>}>
          <AggregateEntries t={t} pinnedKey={pinnedKey} />
        </Card>
      </Space>
    </div>
  );
}
