import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Progress, Typography } from 'antd';
import { useState } from 'react';
import { getLocale, useLocale } from '../../i18n';
import type { PageProps } from '../../pages';
import { linkProps } from '../../router';
import { getSession } from '../../session';
import { formatInstant } from '../../time';
import { type Names, RefusalAlert, useNames } from '../officer/officer-ui';
import { windowText } from '../officer/request-table';
import { type ExportDone, formatBytes, readExportProgress } from './owner-export';
import { owt, owtOf } from './owner-messages';
import { type FulfilmentItem, signedDocumentOf, useFulfilmentQueue } from './owner-ui';
import { PageTitle } from '../../page-title';

/** What the approval covers: its document, kind, requester, case and window. */
function ApprovedRequest({ item, names }: { item: FulfilmentItem; names: Names }) {
  return (
    <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
      <Descriptions.Item label={owt('doc.number')}>{item.decision?.documentNumber}</Descriptions.Item>
      <Descriptions.Item label={owt('doc.kind')}>{owtOf('kind', item.kind)}</Descriptions.Item>
      <Descriptions.Item label={owt('doc.requester')}>
        {names(item.organisationId) ?? owt('common.unknown')}
      </Descriptions.Item>
      <Descriptions.Item label={owt('queue.col.case')}>{item.caseReference}</Descriptions.Item>
      <Descriptions.Item label={owt('queue.col.window')}>{windowText(item.window)}</Descriptions.Item>
    </Descriptions>
  );
}

/** The package written: its hash, size, segments and time, and on to the hand-over. */
function ExportedPackage({ done }: { done: ExportDone }) {
  return (
    <Alert
      style={{ marginTop: 16 }}
      type="success"
      showIcon
      role="status"
      title={owt('export.done')}
      description={
        <>
          <div>
            {owt('handover.sha256')}: <code>{done.packageSha256}</code>
          </div>
          <div>
            {owt('handover.size')}: {formatBytes(done.packageSizeBytes)} · {owt('handover.segments')}:{' '}
            {done.segmentIds.length} · {owt('handover.exportedAt')}: {formatInstant(done.exportedAt)}
          </div>
          <a {...linkProps(`/owner/hand-over/${done.exportId}`)}>{owt('export.toHandOver')}</a>
        </>
      }
    />
  );
}

/**
 * Exporting the footage an approved copy or retrieval covers (R18.5), with the progress the
 * storage service pushes while it writes the package (NDJSON over one fetch), then on to the
 * hand-over. A document exported before is exported again only with a reason.
 */
export default function ExportPage({ params }: PageProps) {
  useLocale();
  const queryClient = useQueryClient();
  const queue = useFulfilmentQueue();
  const item = queue.data?.find((i) => i.requestId === params.requestId);
  const names = useNames([item?.organisationId]);
  const [reason, setReason] = useState('');
  const [progress, setProgress] = useState<{ bytes: number; totalBytes: number; lines: number } | null>(null);
  const run = useMutation({
    mutationFn: async (): Promise<ExportDone> => {
      const approval = signedDocumentOf(item!);
      const response = await fetch(`${window.location.origin}/api/storage/v1/footage/exports/with-progress`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${getSession()!.accessToken}`,
          'content-type': 'application/json',
          'accept-language': getLocale(),
        },
        body: JSON.stringify({ approval, ...(item!.exports.length > 0 ? { reExport: { reason } } : {}) }),
      });
      return readExportProgress(response, (bytes, totalBytes) =>
        setProgress((p) => ({ bytes, totalBytes, lines: (p?.lines ?? 0) + 1 })),
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['fulfilment-queue'] }),
  });
  if (!item) return <Card loading={queue.isLoading}>{queue.isLoading ? null : owt('queue.empty')}</Card>;
  const again = item.exports.length > 0;
  const percent =
    progress && progress.totalBytes > 0 ? Math.min(100, Math.floor((progress.bytes / progress.totalBytes) * 100)) : 0;
  const done = run.data;
  return (
    <Card>
      <PageTitle>{owt('export.title')}</PageTitle>
      <ApprovedRequest item={item} names={names} />
      <Form layout="vertical" onFinish={() => run.mutate()}>
        {again ? (
          <Form.Item label={owt('export.reason')} htmlFor="re-export-reason" extra={owt('export.reasonHelp')}>
            <Input id="re-export-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        ) : null}
        <Button
          type="primary"
          htmlType="submit"
          disabled={(again && !reason.trim()) || run.isPending || !!done}
          loading={run.isPending}
        >
          {owt('export.start')}
        </Button>
      </Form>
      {progress ? (
        <div style={{ marginTop: 16 }} data-progress-lines={progress.lines}>
          <Progress
            percent={done ? 100 : percent}
            status={run.isError ? 'exception' : done ? 'success' : 'active'}
            aria-label={owt('export.progress')}
          />
          <Typography.Text type="secondary" data-testid="export-written">
            {owt('export.written', { done: formatBytes(progress.bytes), total: formatBytes(progress.totalBytes) })}
          </Typography.Text>
        </div>
      ) : null}
      {run.error ? <RefusalAlert error={run.error} title={owt('export.refused')} /> : null}
      {done ? <ExportedPackage done={done} /> : null}
    </Card>
  );
}
