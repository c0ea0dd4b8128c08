import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useLocale } from '../../i18n';
import type { PageProps } from '../../pages';
import { linkProps } from '../../router';
import { formatInstant, localToUtc } from '../../time';
import { ot } from './officer-messages';
import { RefusalAlert } from './officer-ui';
import { PageTitle } from '../../page-title';

export const REQUEST_KINDS = ['VIEW', 'COPY', 'RETRIEVE', 'DIRECT_ACCESS'] as const;

export interface FileRequestValues {
  kind: (typeof REQUEST_KINDS)[number];
  cameraIds: string[];
  /** Local wall-clock times in the organisation's zone, as a datetime-local input gives them. */
  from: string;
  to: string;
  purpose: string;
  caseReference: string;
}

/** The body the requests service takes: local times read in the organisation's zone, sent as UTC. */
export function fileRequestBody(values: FileRequestValues) {
  return {
    kind: values.kind,
    cameraIds: values.cameraIds,
    window: { from: localToUtc(values.from), to: localToUtc(values.to) },
    purpose: values.purpose.trim(),
    caseReference: values.caseReference.trim(),
  };
}

interface CameraOption {
  readonly id: string;
  readonly label: string;
}

/** Cameras chosen from the registry's directory: by camera, system or owner name, address or site. */
function CameraPicker({ value, onChange, id }: { value?: string[]; onChange?: (ids: string[]) => void; id?: string }) {
  const [words, setWords] = useState('');
  const [seen, setSeen] = useState(new Map<string, CameraOption>());
  const found = useQuery({
    queryKey: ['camera-directory', words],
    queryFn: async () => {
      const page = unwrap(await api.registry.GET('/directory/cameras', { params: { query: { q: words || undefined, limit: 50 } } }));
      return page.items.map((c) => ({
        id: c.id,
        label: [c.name, c.imageSystemName, c.ownerOrganisationName, c.location ?? c.siteLocation].filter(Boolean).join(' · '),
      }));
    },
  });
  const options = [...(found.data ?? [])];
  for (const chosen of value ?? []) if (!options.some((o) => o.id === chosen) && seen.has(chosen)) options.push(seen.get(chosen)!);
  return (
    <Select
      id={id}
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setWords }}
      value={value}
      loading={found.isFetching}
      placeholder={ot('file.camerasHelp')}
      aria-label={ot('file.cameras')}
      onChange={(ids: string[]) => {
        setSeen((before) => new Map([...before, ...options.map((o) => [o.id, o] as const)]));
        onChange?.(ids);
      }}
      options={options.map((o) => ({ value: o.id, label: o.label }))}
    />
  );
}

/** File a request: kind, cameras from the directory, window in local time, purpose and case (R17.1, R17.4, R18.1). */
export default function FileRequestPage(_: PageProps) {
  useLocale();
  const [form] = Form.useForm<FileRequestValues>();
  const kind = Form.useWatch('kind', form);
  const filing = useMutation({
    mutationFn: async (values: FileRequestValues) => unwrap(await api.requests.POST('/requests', { body: fileRequestBody(values) })),
  });
  const required = (field: string) => [{ required: true, whitespace: true, message: ot('file.required', { field }) }];
  return (
    <Card>
      <PageTitle>{ot('file.title')}</PageTitle>
      <Form<FileRequestValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'COPY', cameraIds: [] }}
        onFinish={(values) => filing.mutate(values)}
        style={{ maxWidth: 720 }}
      >
        <Form.Item name="kind" label={ot('file.kind')} extra={kind === 'DIRECT_ACCESS' ? ot('file.directAccessNote') : undefined}>
          <Radio.Group optionType="button" options={REQUEST_KINDS.map((k) => ({ value: k, label: ot(`kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="cameraIds" label={ot('file.cameras')} rules={[{ required: true, type: 'array', min: 1, message: ot('file.required', { field: ot('file.cameras') }) }]}>
          <CameraPicker />
        </Form.Item>
        <Space wrap>
          <Form.Item name="from" label={kind === 'DIRECT_ACCESS' ? ot('file.grantFrom') : ot('file.from')} rules={required(ot('file.from'))}>
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name="to" label={kind === 'DIRECT_ACCESS' ? ot('file.grantTo') : ot('file.to')} rules={required(ot('file.to'))}>
            <Input type="datetime-local" />
          </Form.Item>
        </Space>
        <Form.Item name="caseReference" label={ot('file.caseReference')} rules={required(ot('file.caseReference'))}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="purpose" label={ot('file.purpose')} rules={required(ot('file.purpose'))}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={filing.isPending}>
            {ot('file.submit')}
          </Button>
        </Form.Item>
      </Form>
      {filing.error ? <RefusalAlert error={filing.error} /> : null}
      {filing.data ? (
        <Alert
          type="success"
          showIcon
          role="status"
          title={ot('file.filed', { deadline: formatInstant(filing.data.coSignDeadline) })}
          description={<a {...linkProps(`/officer/requests/${filing.data.requestId}`)}>{ot('detail.open')}</a>}
        />
      ) : null}
    </Card>
  );
}
