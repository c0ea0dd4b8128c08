import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Progress, Select, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useLocale } from '../../i18n';
import type { PageProps } from '../../pages';
import { getSession } from '../../session';
import { formatInstant, localToUtc } from '../../time';
import { sha256Hex } from '../officer/hashing';
import { owt } from './owner-messages';

interface Row {
  readonly key: string;
  readonly file: File;
  readonly from: string;
  readonly to: string;
  hashed?: number;
  localSha256?: string;
  sent?: number;
  stored?: { sha256: string; retainUntil: string; segmentId: string };
  error?: string;
}

/** A video's duration in seconds, read by the browser from its metadata; 60 when it cannot tell. */
function durationOf(file: File): Promise<number> {
  return new Promise((resolve) => {
    const video = document.createElement('video');
    const url = URL.createObjectURL(file);
    const done = (seconds: number) => {
      URL.revokeObjectURL(url);
      resolve(Number.isFinite(seconds) && seconds > 0 ? seconds : 60);
    };
    video.preload = 'metadata';
    video.onloadedmetadata = () => done(video.duration);
    video.onerror = () => done(60);
    video.src = url;
  });
}

/** One PUT of a segment's bytes with upload progress (fetch has none for request bodies). */
function put(
  url: string,
  file: File,
  onProgress: (sent: number) => void,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.setRequestHeader('authorization', `Bearer ${getSession()!.accessToken}`);
    xhr.setRequestHeader('content-type', file.type || 'video/mp4');
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () =>
      resolve({ status: xhr.status, body: JSON.parse(xhr.responseText || '{}') as Record<string, unknown> });
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(file);
  });
}

/**
 * Uploading original footage (R16.3): segments dropped onto the page, one after another from a
 * start time (each as long as its video), hashed here in the browser, sent with progress; the
 * storage service's SHA-256 (compared with the browser's) and the instant the write-once lock
 * holds it until are shown per segment. Not resumable: a broken upload is sent again whole.
 */
export default function UploadPage(_: PageProps) {
  useLocale();
  const [cameraId, setCameraId] = useState<string>();
  const [start, setStart] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [busy, setBusy] = useState(false);
  const cameras = useQuery({
    queryKey: ['own-cameras'],
    queryFn: async () =>
      unwrap(await api.registry.GET('/directory/cameras', { params: { query: { limit: 200 } } })).items,
  });
  const update = (key: string, change: Partial<Row>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const add = async (files: File[]) => {
    let at = rows.length > 0 ? Date.parse(rows[rows.length - 1].to) : Date.parse(localToUtc(start));
    const added: Row[] = [];
    for (const file of files) {
      const seconds = await durationOf(file);
      const from = new Date(at).toISOString();
      at += Math.round(seconds * 1000);
      added.push({ key: `${file.name}-${from}`, file, from, to: new Date(at).toISOString() });
    }
    setRows((all) => [...all, ...added]);
  };
  const send = async () => {
    setBusy(true);
    for (const row of rows.filter((r) => !r.stored)) {
      try {
        const localSha256 = await sha256Hex(row.file, { onProgress: (hashed) => update(row.key, { hashed }) });
        update(row.key, { localSha256 });
        const segmentId = `${cameraId}-${Date.parse(row.from)}`;
        const query = new URLSearchParams({
          cameraId: cameraId!,
          from: row.from,
          to: row.to,
          container: 'mp4',
          codec: 'h264',
        });
        const answer = await put(
          `${window.location.origin}/api/storage/footage/segments/${encodeURIComponent(segmentId)}?${query}`,
          row.file,
          (sent) => update(row.key, { sent }),
        );
        if (answer.status >= 300) update(row.key, { error: String(answer.body.code ?? answer.status) });
        else
          update(row.key, {
            stored: { sha256: String(answer.body.sha256), retainUntil: String(answer.body.retainUntil), segmentId },
          });
      } catch (e) {
        update(row.key, { error: (e as Error).message });
      }
    }
    setBusy(false);
  };
  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {owt('upload.title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={owt('upload.camera')}
          placeholder={owt('upload.camera')}
          style={{ width: 320 }}
          value={cameraId}
          onChange={setCameraId}
          options={(cameras.data ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.imageSystemName}）` }))}
        />
        <label>
          {owt('upload.start')}{' '}
          <Input
            type="datetime-local"
            step={1}
            style={{ width: 220 }}
            value={start}
            onChange={(e) => setStart(e.target.value)}
          />
        </label>
      </Space>
      <Upload.Dragger
        multiple
        accept="video/*"
        disabled={!cameraId || !start}
        showUploadList={false}
        beforeUpload={(file, list) => {
          // antd calls this once per file with the whole list: take the list once.
          if (file === list[0]) void add(list as unknown as File[]);
          return false;
        }}
      >
        <p>{owt('upload.drop')}</p>
      </Upload.Dragger>
      <Table<Row>
        style={{ marginTop: 16 }}
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: owt('upload.none') }}
        columns={[
          { title: owt('upload.file'), key: 'file', render: (_, r) => r.file.name },
          {
            title: owt('queue.col.window'),
            key: 'window',
            render: (_, r) => `${formatInstant(r.from)} – ${formatInstant(r.to, 'HH:mm:ss')}`,
          },
          {
            title: owt('upload.progress'),
            key: 'progress',
            render: (_, r) => (
              <Progress
                aria-label={owt('upload.progress')}
                percent={r.stored ? 100 : Math.floor(((r.sent ?? 0) / Math.max(1, r.file.size)) * 100)}
                status={r.error ? 'exception' : r.stored ? 'success' : 'active'}
                size="small"
              />
            ),
          },
          {
            title: 'SHA-256',
            key: 'sha',
            render: (_, r) =>
              r.stored ? (
                <span data-segment-sha256={r.stored.sha256}>
                  <code>{r.stored.sha256.slice(0, 16)}…</code>{' '}
                  {r.localSha256 === r.stored.sha256 ? owt('upload.match') : owt('upload.mismatch')}
                </span>
              ) : (
                (r.error ?? '')
              ),
          },
          {
            title: owt('upload.lockedUntil'),
            key: 'lock',
            render: (_, r) => (r.stored ? <span data-locked-until>{formatInstant(r.stored.retainUntil)}</span> : ''),
          },
        ]}
      />
      {rows.some((r) => r.error) ? (
        <Alert style={{ marginTop: 16 }} type="error" showIcon role="alert" title={owt('upload.failed')} />
      ) : null}
      <Button
        style={{ marginTop: 16 }}
        type="primary"
        disabled={!cameraId || rows.every((r) => r.stored)}
        loading={busy}
        onClick={() => void send()}
      >
        {owt('upload.send')}
      </Button>
    </Card>
  );
}
