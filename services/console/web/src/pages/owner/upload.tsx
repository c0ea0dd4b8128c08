import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Progress, Select, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useLocale, withNote } from '../../i18n';
import type { PageProps } from '../../pages';
import { getSession } from '../../session';
import { formatInstant, localToUtc } from '../../time';
import { type Answer, savedUploadOf, type UploadTransport, uploadResumably } from './resumable-upload';
import { owt } from './owner-messages';
import { PageTitle } from '../../page-title';

interface Row {
  readonly key: string;
  readonly file: File;
  readonly from: string;
  readonly to: string;
  hashed?: number;
  localSha256?: string;
  sent?: number;
  stored?: { sha256: string; retainUntil: string; segmentId: string };
  /** Bytes the service already held when this upload resumed a saved session. */
  resumedFrom?: number;
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

/** The storage service through the gateway, with upload progress (fetch has none for request bodies). */
const transport: UploadTransport = {
  json: (method, path, body) => request(method, path, body === undefined ? undefined : JSON.stringify(body)),
  put: (path, bytes, onProgress) => request('PUT', path, bytes, onProgress),
};

function request(
  method: string,
  path: string,
  body?: Blob | string,
  onProgress?: (sent: number) => void,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, `${window.location.origin}/api/storage/v1${path}`);
    xhr.setRequestHeader('authorization', `Bearer ${getSession()!.accessToken}`);
    if (body !== undefined)
      xhr.setRequestHeader('content-type', typeof body === 'string' ? 'application/json' : 'application/octet-stream');
    if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () =>
      resolve({ status: xhr.status, body: JSON.parse(xhr.responseText || '{}') as Record<string, unknown> });
    xhr.onerror = () => reject(new Error('network'));
    xhr.onabort = () => reject(new Error('network'));
    xhr.send(body);
  });
}

/**
 * Rows for dropped files, one after another from `at` (each as long as its video); a file whose
 * upload is under way keeps the window it was declared with.
 */
async function segmentRowsOf(files: File[], at: number): Promise<Row[]> {
  const added: Row[] = [];
  for (const file of files) {
    const saved = savedUploadOf(localStorage, file);
    if (saved) {
      added.push({ key: `${file.name}-${saved.from}`, file, from: saved.from, to: saved.to });
      continue;
    }
    const seconds = await durationOf(file);
    const from = new Date(at).toISOString();
    at += Math.round(seconds * 1000);
    added.push({ key: `${file.name}-${from}`, file, from, to: new Date(at).toISOString() });
  }
  return added;
}

/** Sends one segment through its resumable session, its progress and outcome reported on its row. */
async function sendSegment(row: Row, cameraId: string, update: (key: string, change: Partial<Row>) => void) {
  try {
    const stored = await uploadResumably(
      row.file,
      {
        segmentId: `${cameraId}-${Date.parse(row.from)}`,
        cameraId,
        from: row.from,
        to: row.to,
        container: 'mp4',
        codec: 'h264',
      },
      transport,
      localStorage,
      {
        onHashed: (hashed) => update(row.key, { hashed }),
        onSent: (sent) => update(row.key, { sent }),
      },
    );
    update(row.key, {
      localSha256: stored.localSha256,
      resumedFrom: stored.resumedFrom,
      error: undefined,
      stored: { sha256: stored.sha256, retainUntil: stored.retainUntil, segmentId: stored.segmentId },
    });
  } catch (e) {
    update(row.key, { error: (e as Error).message });
  }
}

/** Which camera the segments come from and when the first starts. */
function SegmentSource({
  cameras,
  cameraId,
  onCamera,
  start,
  onStart,
}: {
  cameras: readonly { id: string; name: string; imageSystemName: string }[];
  cameraId: string | undefined;
  onCamera: (id: string) => void;
  start: string;
  onStart: (start: string) => void;
}) {
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Select
        aria-label={owt('upload.camera')}
        placeholder={owt('upload.camera')}
        style={{ width: 320 }}
        value={cameraId}
        onChange={onCamera}
        options={cameras.map((c) => ({ value: c.id, label: withNote(c.name, c.imageSystemName) }))}
      />
      <label>
        {owt('upload.start')}{' '}
        <Input
          type="datetime-local"
          step={1}
          style={{ width: 220 }}
          value={start}
          onChange={(e) => onStart(e.target.value)}
        />
      </label>
    </Space>
  );
}

/** Each segment's window, progress, whether it resumed, its SHA-256 as stored and how long it is locked. */
function SegmentTable({ rows }: { rows: Row[] }) {
  return (
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
          title: owt('upload.resumed'),
          key: 'resumed',
          render: (_, r) =>
            r.resumedFrom ? (
              <span data-resumed-from={r.resumedFrom}>
                {owt('upload.resumedFrom', { mb: (r.resumedFrom / 1048576).toFixed(1) })}
              </span>
            ) : (
              ''
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
  );
}

/**
 * Uploading original footage (R16.3): segments dropped onto the page, one after another from a
 * start time (each as long as its video), hashed here in the browser, sent with progress; the
 * storage service's SHA-256 (compared with the browser's) and the instant the write-once lock
 * holds it until are shown per segment. Resumable (issue 18): each segment goes through an upload
 * session in parts; after a broken connection or a reload the same file dropped again continues
 * from the bytes the service holds (`resumable-upload.ts`).
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
    const at = rows.length > 0 ? Date.parse(rows[rows.length - 1].to) : Date.parse(localToUtc(start));
    const added = await segmentRowsOf(files, at);
    setRows((all) => [...all, ...added]);
  };
  const send = async () => {
    setBusy(true);
    for (const row of rows.filter((r) => !r.stored)) {
      await sendSegment(row, cameraId!, update);
    }
    setBusy(false);
  };
  return (
    <Card>
      <PageTitle>{owt('upload.title')}</PageTitle>
      <SegmentSource
        cameras={cameras.data ?? []}
        cameraId={cameraId}
        onCamera={setCameraId}
        start={start}
        onStart={setStart}
      />
      <Upload.Dragger
        multiple
        accept="video/*"
        disabled={!cameraId || !start}
        showUploadList={false}
        beforeUpload={(file, list) => {
          // antd calls this once per file with the whole list: take the list once.
          if (file === list[0]) void add(list);
          return false;
        }}
      >
        <p>{owt('upload.drop')}</p>
      </Upload.Dragger>
      <SegmentTable rows={rows} />
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
