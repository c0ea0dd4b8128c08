import { Alert, Button, Card, Descriptions, Input, Result, Space, Spin, Typography } from 'antd';
import { useState, type DragEvent } from 'react';
import { api, unwrap } from '../../api/client';
import type { PageProps } from '../../pages';
import { usePath } from '../../router';
import { getSession } from '../../session';
import { PINNED_KEY_STORAGE } from './pinned-key';
import { type OversightMessageKey, type OversightT, useOversightT } from './oversight-messages';
import { verifyInWorker, type Verdict, type VerifyOutcome } from './verify/verify-client';


/** The lines saying where the first divergence is, as custos-verify's report names it. */
function divergenceWhere(t: OversightT, verdict: Extract<Verdict, { status: 'failed' }>): string[] {
  const d = verdict.divergence;
  const lines: string[] = [];
  if (d.itemIndex !== undefined) lines.push(t('verify.where.item', { item: d.itemIndex, index: d.entryIndex ?? '?' }));
  else if (d.entryIndex !== undefined) lines.push(t('verify.where.entry', { index: d.entryIndex }));
  if (d.entryRange !== undefined) lines.push(t('verify.where.range', { from: d.entryRange.from, to: d.entryRange.to - 1 }));
  if (d.checkpointIndex !== undefined) lines.push(t('verify.where.checkpoint', { n: d.checkpointIndex }));
  if (d.trustedCheckpoint) lines.push(t('verify.where.trusted'));
  return lines;
}

interface Checked {
  readonly outcome: VerifyOutcome;
  readonly fileName: string;
  /** From the file chosen to the verdict, reading it included (the benchmark reads it). */
  readonly totalMs: number;
}

function VerdictView({ t, checked }: { t: OversightT; checked: Checked }) {
  const { outcome, fileName } = checked;
  const { verdict } = outcome;
  const timing = {
    'data-total-ms': Math.round(checked.totalMs),
    'data-worker-ms': Math.round(outcome.millis),
    'data-read-ms': Math.round(outcome.readMillis ?? 0),
  };
  if (verdict.status === 'unreadable') {
    return <Alert type="error" showIcon title={<span data-testid="verify-verdict" {...timing}>{t('verify.unreadable', { reason: verdict.message })}</span>} />;
  }
  if (verdict.status === 'ok') {
    const summary =
      verdict.kind === 'export'
        ? t('verify.ok.export', { entries: verdict.entries, checkpoints: verdict.checkpoints, signed: verdict.signedSize, root: verdict.rootHex })
        : t('verify.ok.bundle', { count: verdict.leafIndices.length, size: verdict.treeSize, root: verdict.rootHex });
    return (
      <Result
        status="success"
        title={<span data-testid="verify-verdict" {...timing}>{t('verify.ok')}</span>}
        subTitle={
          <>
            <div style={{ wordBreak: 'break-all' }}>{summary}</div>
            {verdict.kind === 'export' && verdict.signedSize < verdict.entries ? (
              <div>{t('verify.ok.unsigned', { from: verdict.signedSize, to: verdict.entries - 1 })}</div>
            ) : null}
            <div>
              {t('verify.file')}: {fileName} · {t('verify.millis', { ms: Math.round(outcome.millis) })}
            </div>
          </>
        }
      />
    );
  }
  const where = divergenceWhere(t, verdict);
  return (
    <Result
      status="error"
      title={<span data-testid="verify-verdict" {...timing}>{t('verify.failed')}</span>}
      subTitle={
        <>
          {where.map((line) => (
            <div key={line} data-testid="verify-where" style={{ fontSize: 16, color: 'rgba(0,0,0,0.88)' }}>
              {line}
            </div>
          ))}
        </>
      }
      extra={
        <Descriptions column={1} bordered size="small" style={{ textAlign: 'left' }}>
          <Descriptions.Item label={t('verify.detail')}>
            {t(`divergence.${verdict.divergence.code}` as OversightMessageKey)}
          </Descriptions.Item>
          <Descriptions.Item label={t('verify.code')}>
            <code>{verdict.divergence.code}</code> — {verdict.divergence.message}
          </Descriptions.Item>
          <Descriptions.Item label={t('verify.file')}>{fileName}</Descriptions.Item>
        </Descriptions>
      }
    />
  );
}

/** The key the auditor pins in this browser, typed in or (signed in) taken from the ledger. */
function PinnedKeyField({ t, draft, onDraft, onPin, onFromLedger }: {
  t: OversightT;
  draft: string;
  onDraft: (draft: string) => void;
  onPin: () => void;
  onFromLedger: () => void;
}) {
  return (
    <div>
      <label htmlFor="pinned-key" style={{ fontWeight: 600 }}>
        {t('verify.key')}
      </label>
      <Space.Compact style={{ width: '100%', marginTop: 4 }}>
        <Input id="pinned-key" value={draft} onChange={(e) => onDraft(e.target.value)} spellCheck={false} />
        <Button onClick={onPin}>{t('verify.key.pin')}</Button>
        {getSession() ? <Button onClick={onFromLedger}>{t('verify.key.fromLedger')}</Button> : null}
      </Space.Compact>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('verify.key.help')}
      </Typography.Text>
    </div>
  );
}

/** Where a bundle or export is dropped or chosen. */
function FileDrop({ t, onFile }: { t: OversightT; onFile: (file: File | undefined) => void }) {
  const [dragging, setDragging] = useState(false);
  const onDrop = (e: DragEvent<HTMLLabelElement>) => {
    e.preventDefault();
    setDragging(false);
    onFile(e.dataTransfer.files[0]);
  };
  return (
    <label
      htmlFor="verify-file"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-testid="verify-drop"
      style={{
        display: 'block',
        padding: '32px 16px',
        textAlign: 'center',
        border: `2px dashed ${dragging ? '#1677ff' : '#8c8c8c'}`,
        borderRadius: 8,
        background: dragging ? '#e6f4ff' : '#fafafa',
        cursor: 'pointer',
      }}
    >
      {t('verify.drop')}
      <input
        id="verify-file"
        type="file"
        accept=".json,application/json"
        style={{ position: 'absolute', width: 1, height: 1, opacity: 0 }}
        onChange={(e) => {
          onFile(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
    </label>
  );
}

/**
 * Verify in the browser (issue 18, oversight): an evidence bundle or a whole ledger export is
 * checked here with custos-verify's own core, in a Web Worker, against the key the auditor
 * pinned in this browser; the result names the first divergence. Open signed in (menu) and
 * signed out (`/verify-ledger`, for a court or anyone holding a bundle).
 */
export default function VerifyInBrowserPage(_: PageProps) {
  const t = useOversightT();
  const [pinned, setPinned] = useState(() => localStorage.getItem(PINNED_KEY_STORAGE) ?? '');
  const [draft, setDraft] = useState(pinned);
  const [fromLedger, setFromLedger] = useState(false);
  const [running, setRunning] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Checked | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Signed out it is the whole page; in the shell, the shell holds the main landmark.
  const Root = usePath() === '/verify-ledger' ? 'main' : 'div';

  const pin = (key: string) => {
    localStorage.setItem(PINNED_KEY_STORAGE, key);
    setPinned(key);
    setDraft(key);
  };
  const takeFromLedger = async () => {
    setError(null);
    try {
      const latest = unwrap(await api.ledger.GET('/ledger/checkpoints/latest'));
      pin(latest.publicKey);
      setFromLedger(true);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const verify = async (file: File | undefined) => {
    if (!file) return;
    setOutcome(null);
    setError(null);
    setRunning(file.name);
    const started = performance.now();
    try {
      const result = await verifyInWorker(file, pinned.trim() || undefined);
      setOutcome({ outcome: result, fileName: file.name, totalMs: performance.now() - started });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(null);
    }
  };

  return (
    <Root data-testid="verify-page" style={{ maxWidth: 880, margin: '0 auto', padding: 16 }}>
      <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('verify.title')}</h1>}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ margin: 0 }}>{t('verify.intro')}</Typography.Paragraph>
          <PinnedKeyField
            t={t}
            draft={draft}
            onDraft={setDraft}
            onPin={() => pin(draft.trim())}
            onFromLedger={() => void takeFromLedger()}
          />
          {fromLedger ? <Alert type="warning" showIcon title={t('verify.key.fromLedger.warn')} /> : null}
          {pinned ? null : <Alert type="warning" showIcon title={t('verify.key.none')} />}
          <FileDrop t={t} onFile={(file) => void verify(file)} />
          {running ? <Spin tip={t('verify.running', { name: running })}><div style={{ height: 48 }} /></Spin> : null}
          {error ? <Alert type="error" showIcon title={error} /> : null}
          {outcome ? <VerdictView t={t} checked={outcome} /> : null}
        </Space>
      </Card>
    </Root>
  );
}
