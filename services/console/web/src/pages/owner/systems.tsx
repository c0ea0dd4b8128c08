import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Checkbox, Collapse, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { sha256Hex } from '../officer/hashing';
import { SignageHistoryView } from '../oversight/signage-history';
import { useSupervisionT } from '../oversight/supervision-messages';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/registry';
import { getLocale, useLocale, withNote } from '../../i18n';
import type { PageProps } from '../../pages';
import { formatInstant, localToUtc } from '../../time';
import { RefusalAlert, useNames } from '../officer/officer-ui';
import { owt, owtOf } from './owner-messages';
import {
  CAMERA_LOCATION_CATEGORIES,
  CAMERA_LOCATION_INFO,
} from '../../../../../../libs/domain/src/registry/camera-location';
import { PageTitle } from '../../page-title';

type SystemView = components['schemas']['ImageSystemViewDto'];
type Camera = components['schemas']['CameraViewDto'];

/** A place where Article 8 forbids cameras, with its item: shown before the owner submits (R8.1). */
const forbiddenBy = (category: string) =>
  CAMERA_LOCATION_INFO[category as keyof typeof CAMERA_LOCATION_INFO]?.forbiddenBy ?? null;

/** `Art. 8(3)` as the reader's language cites it: 第八条第3项 in Chinese. */
const itemText = (item: string) =>
  getLocale() === 'zh-CN' ? item.replace(/^Art\. 8\((\d+)\)$/, '第八条第$1项') : item;

const LOCATION_OPTIONS = () =>
  CAMERA_LOCATION_CATEGORIES.map((c) => ({
    value: c,
    label: forbiddenBy(c) ? withNote(owtOf('location', c), owt('systems.forbidden')) : owtOf('location', c),
  }));

interface CameraFields {
  name: string;
  locationCategory: string;
  location: string;
}
interface ChangeFields {
  kind: 'CHANGED' | 'REMOVED';
  cameraId?: string;
  description: string;
  changedAt: string;
  newLocationCategory?: string;
}

/**
 * A form that changes one of the owner's systems: cleared once the registry accepts the change,
 * and the systems read again once it settles (accepted or refused).
 */
function useSystemChangeForm<Fields, Answer>(send: (fields: Fields) => Promise<Answer>) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Fields>();
  const change = useMutation({
    mutationFn: send,
    onSuccess: () => form.resetFields(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['owner-systems'] }),
  });
  return [form, change] as const;
}

/** Whether the system shows its sign, as a badge (R11.1). */
function SignageBadge({ system }: { system: SystemView }) {
  return (
    <span data-signage={system.signageShown ? 'shown' : 'missing'}>
      <Badge
        status={system.signageShown || !system.inPublicPlace ? 'success' : 'error'}
        text={
          system.signageShown
            ? owt('systems.signageShown')
            : system.inPublicPlace
              ? owt('systems.signageMissing')
              : owt('systems.notPublic')
        }
      />
    </span>
  );
}

function CameraTable({ cameras }: { cameras: Camera[] }) {
  return (
    <Table<Camera>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={cameras}
      columns={[
        { title: owt('systems.col.camera'), dataIndex: 'name' },
        {
          title: owt('systems.col.category'),
          dataIndex: 'locationCategory',
          render: (c: string) => owtOf('location', c),
        },
        { title: owt('systems.col.location'), dataIndex: 'location' },
        {
          title: owt('systems.col.status'),
          dataIndex: 'removed',
          render: (r: boolean) => (r ? owt('systems.removed') : owt('systems.inUse')),
        },
      ]}
    />
  );
}

/** Registers a camera; a place Article 8 forbids is marked before the owner submits (R8.1). */
function AddCameraForm({ systemId }: { systemId: string }) {
  const [cameraForm, addCamera] = useSystemChangeForm(async (body: CameraFields) =>
    unwrap(await api.registry.POST('/systems/{systemId}/cameras', { params: { path: { systemId } }, body: body as never })),
  );
  const chosen = Form.useWatch('locationCategory', cameraForm);
  return (
    <Form form={cameraForm} layout="vertical" onFinish={(v) => addCamera.mutate(v)}>
      <Form.Item name="name" label={owt('systems.cameraName')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="locationCategory" label={owt('systems.col.category')} rules={[{ required: true }]}>
        <Select options={LOCATION_OPTIONS()} aria-label={owt('systems.col.category')} />
      </Form.Item>
      {chosen && forbiddenBy(chosen) ? (
        <Alert
          type="warning"
          showIcon
          title={owt('systems.r81', { item: itemText(forbiddenBy(chosen)!) })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form.Item name="location" label={owt('systems.col.location')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={addCamera.isPending}>
        {owt('systems.register')}
      </Button>
      <CameraRefusal error={addCamera.error} />
      {addCamera.isSuccess ? <Alert type="success" showIcon role="status" title={owt('systems.cameraAdded')} /> : null}
    </Form>
  );
}

/** Reports a change or removal to the county PSB (R15.1); a late report is marked so. */
function ReportChangeForm({ system }: { system: SystemView }) {
  const [changeForm, report] = useSystemChangeForm(
    async (v: ChangeFields) =>
      unwrap(
        await api.registry.POST('/systems/{systemId}/changes', {
          params: { path: { systemId: system.id } },
          body: { ...v, changedAt: localToUtc(v.changedAt) } as never,
        }),
      ),
  );
  return (
    <Form form={changeForm} layout="vertical" initialValues={{ kind: 'CHANGED' }} onFinish={(v) => report.mutate(v)}>
      <Form.Item name="kind" label={owt('systems.changeKind')}>
        <Select
          aria-label={owt('systems.changeKind')}
          options={[
            { value: 'CHANGED', label: owt('systems.CHANGED') },
            { value: 'REMOVED', label: owt('systems.REMOVED') },
          ]}
        />
      </Form.Item>
      <Form.Item name="cameraId" label={owt('systems.col.camera')}>
        <Select
          allowClear
          aria-label={owt('systems.col.camera')}
          placeholder={owt('systems.wholeSystem')}
          options={system.cameras.map((c) => ({ value: c.id, label: c.name }))}
        />
      </Form.Item>
      <Form.Item name="description" label={owt('systems.description')} rules={[{ required: true }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="changedAt" label={owt('systems.changedAt')} rules={[{ required: true }]}>
        <Input type="datetime-local" />
      </Form.Item>
      <Form.Item name="newLocationCategory" label={owt('systems.newCategory')}>
        <Select allowClear options={LOCATION_OPTIONS()} aria-label={owt('systems.newCategory')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={report.isPending}>
        {owt('systems.report')}
      </Button>
      <CameraRefusal error={report.error} />
      {report.data ? (
        <Alert
          type={report.data.late ? 'warning' : 'success'}
          showIcon
          role="status"
          title={report.data.late ? owt('systems.reportedLate') : owt('systems.reported')}
        />
      ) : null}
    </Form>
  );
}

/** The changes reported for the system, with whom they went to and their acknowledgement (R15.1). */
function ChangeList({ system }: { system: SystemView }) {
  const names = useNames(system.changes.map((c) => c.addressedToOrganisationId));
  const cameraName = (id?: string) => system.cameras.find((c) => c.id === id)?.name ?? owt('systems.wholeSystem');
  return (
    <ul>
      {system.changes.map((c) => {
        const ack = system.acknowledgements.find((a) => a.changeId === c.changeId);
        return (
          <li key={c.changeId} data-change-id={c.changeId}>
            {owtOf('systems', c.kind)} · {cameraName(c.cameraId)} · {c.description} ·{' '}
            {owt('systems.changedOn', { at: formatInstant(c.changedAt, 'YYYY-MM-DD HH:mm') })} ·{' '}
            {owt('systems.reportedTo', {
              to: names(c.addressedToOrganisationId) ?? owt('common.unknown'),
              at: formatInstant(c.reportedAt, 'YYYY-MM-DD HH:mm'),
            })}
            {c.late ? ` · ${owt('systems.late')}` : ''} ·{' '}
            {ack
              ? owt('systems.acknowledged', { at: formatInstant(ack.acknowledgedAt, 'YYYY-MM-DD HH:mm') })
              : owt('systems.notAcknowledged')}
          </li>
        );
      })}
    </ul>
  );
}

function SystemCard({ system }: { system: SystemView }) {
  const signageT = useSupervisionT();
  return (
    <Card
      data-system-id={system.id}
      title={<h2 style={{ fontSize: 18, margin: 0 }}>{system.name}</h2>}
      style={{ marginBottom: 16 }}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <span>{system.location}</span>
        <SignageBadge system={system} />
        <span>{owt('systems.retention', { days: system.retentionDays })}</span>
        <CameraTable cameras={system.cameras} />
        <Collapse
          items={[
            { key: 'camera', label: owt('systems.addCamera'), children: <AddCameraForm systemId={system.id} /> },
            { key: 'signage', label: signageT('signage.add'), children: <SignageEvidence systemId={system.id} /> },
            { key: 'change', label: owt('systems.reportChange'), children: <ReportChangeForm system={system} /> },
          ]}
        />
        {system.changes.length > 0 ? (
          <>
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              {owt('systems.changes')}
            </Typography.Title>
            <ChangeList system={system} />
          </>
        ) : null}
      </Space>
    </Card>
  );
}

/**
 * Evidence of the system's sign (R11.1): a photo is hashed here, in the browser (the photo stays
 * with the owner; the registry and the ledger keep its SHA-256), with whether it shows the sign
 * and when it was taken; the history below lists every photo and inspection record.
 */
function SignageEvidence({ systemId }: { systemId: string }) {
  const t = useSupervisionT();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File>();
  const [shown, setShown] = useState(true);
  const [takenAt, setTakenAt] = useState('');
  const [note, setNote] = useState('');
  const history = useQuery({
    queryKey: ['signage', systemId],
    queryFn: async () => unwrap(await api.registry.GET('/systems/{id}/signage', { params: { path: { id: systemId } } })),
  });
  const record = useMutation({
    mutationFn: async () => {
      const sha256 = await sha256Hex(file!);
      return unwrap(
        await api.registry.POST('/systems/{systemId}/signage-evidence', {
          params: { path: { systemId } },
          body: {
            kind: 'PHOTO',
            shown,
            observedAt: localToUtc(takenAt),
            photo: { sha256, mediaType: file!.type || undefined, sizeBytes: file!.size, reference: file!.name },
            ...(note ? { note } : {}),
          } as never,
        }),
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['signage', systemId] }),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <label>
        {t('signage.photo')}{' '}
        <input type="file" accept="image/*" aria-label={t('signage.photo')} onChange={(e) => setFile(e.target.files?.[0])} />
      </label>
      <Checkbox checked={shown} onChange={(e) => setShown(e.target.checked)}>
        {t('signage.isShown')}
      </Checkbox>
      <label>
        {t('signage.observedAt')} <Input type="datetime-local" aria-label={t('signage.observedAt')} value={takenAt} onChange={(e) => setTakenAt(e.target.value)} style={{ width: 240 }} />
      </label>
      <Input placeholder={t('signage.note')} aria-label={t('signage.note')} value={note} onChange={(e) => setNote(e.target.value)} />
      <Button type="primary" disabled={!file || !takenAt} loading={record.isPending} onClick={() => record.mutate()}>
        {record.isPending ? t('signage.hashing') : t('signage.submit')}
      </Button>
      <RefusalAlert error={record.error} />
      {record.isSuccess ? <Alert type="success" showIcon role="status" title={t('signage.recorded')} /> : null}
      {history.data ? <SignageHistoryView history={history.data} t={t} /> : null}
    </Space>
  );
}

/** A refusal, with Article 8's places spelled out when it is the one refusing (R8.1). */
function CameraRefusal({ error }: { error: unknown }) {
  if (!error) return null;
  const code = (error as { api?: { code?: string } }).api?.code;
  return (
    <div style={{ marginTop: 12 }}>
      <RefusalAlert error={error} title={owt('systems.refused')} />
      {code === 'CUSTOS_R8_1_FORBIDDEN_CAMERA_LOCATION' ? (
        <Alert type="info" showIcon title={owt('systems.r81Explained')} style={{ marginTop: 8 }} />
      ) : null}
    </div>
  );
}

/**
 * My organisation's image systems and cameras (R2.1): register a camera (the places Article 8
 * forbids are marked and refused, R8.1, explained in Chinese), report a change or removal to
 * the county PSB where the system stands (R15.1, with its acknowledgement), the signage (R11.1).
 */
export default function SystemsPage(_: PageProps) {
  useLocale();
  const systems = useQuery({
    queryKey: ['owner-systems'],
    queryFn: async () => {
      const list = unwrap(await api.registry.GET('/systems', { params: { query: { limit: 100 } } }));
      return Promise.all(
        list.items.map(async (s) => unwrap(await api.registry.GET('/systems/{id}', { params: { path: { id: s.id } } }))),
      );
    },
  });
  return (
    <Card>
      <PageTitle>{owt('systems.title')}</PageTitle>
      {systems.error ? <RefusalAlert error={systems.error} title={owt('systems.refused')} /> : null}
      {(systems.data ?? []).map((s) => (
        <SystemCard key={s.id} system={s} />
      ))}
    </Card>
  );
}
