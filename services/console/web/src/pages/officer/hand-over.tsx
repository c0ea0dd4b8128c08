import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Descriptions, Input, List, Progress, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useLocale } from '../../i18n';
import { PagedItems, usePagedList } from '../../paged-list';
import type { PageProps } from '../../pages';
import { linkProps } from '../../router';
import { useSession } from '../../session';
import { formatInstant } from '../../time';
import { integrityResponse } from './hashing';
import { ot, type OfficerKey } from './officer-messages';
import { RefusalAlert, useNames } from './officer-ui';
import { windowText } from './request-table';
import { PageTitle } from '../../page-title';

type Item = { evidenceItemId: string; requestId: string; approvalDocumentNumber: string; status: string; holderOrganisationId: string; ownerOrganisationId: string; window: { from: string; to: string } };

/** The hand-over a second officer may confirm: the last one started and not yet completed. */
function pendingHandOver(steps: readonly { step: string; handOverId?: string; officers: { personId: string }[] }[]) {
  let pending: { handOverId: string; startedBy: string } | null = null;
  for (const s of steps) {
    if (s.step === 'HAND_OVER_INITIATED' && s.handOverId) pending = { handOverId: s.handOverId, startedBy: s.officers[0]?.personId ?? '' };
    if (s.step === 'HANDED_OVER') pending = null;
  }
  return pending;
}

/**
 * Attests the copy the officer holds (R18.5): a fresh challenge from custody, then SHA-256 of its
 * nonce and the chosen file computed here in the browser, streaming; the hash is never typed.
 */
function AttestCopy({ item, mode }: { item: Item; mode: 'receipt' | 'verifications' }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const attest = useMutation({
    mutationFn: async (chosen: File) => {
      const path = { evidenceItemId: item.evidenceItemId };
      const challenge = unwrap(await api.custody.POST('/evidence-items/{evidenceItemId}/integrity-challenges', { params: { path } }));
      const response = await integrityResponse(challenge.nonce, chosen, { onProgress: (done, total) => setProgress(total === 0 ? 100 : Math.floor((done / total) * 100)) });
      const body = { challenge: challenge.challenge, response };
      return mode === 'receipt'
        ? unwrap(await api.custody.POST('/evidence-items/{evidenceItemId}/receipt', { params: { path }, body }))
        : unwrap(await api.custody.POST('/evidence-items/{evidenceItemId}/verifications', { params: { path }, body }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['evidence-items'] }),
  });
  const inputId = `copy-${item.evidenceItemId}`;
  return (
    <Space orientation="vertical">
      <label htmlFor={inputId}>{ot('handover.file')}</label>
      <input id={inputId} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      <Button type="primary" disabled={!file} loading={attest.isPending} onClick={() => file && attest.mutate(file)}>
        {mode === 'receipt' ? ot('handover.receive') : ot('handover.verify')}
      </Button>
      {attest.isPending && progress !== null ? <Progress percent={progress} aria-label={ot('handover.hashing')} /> : null}
      {attest.error ? <RefusalAlert error={attest.error} /> : null}
      {attest.data ? (
        <Alert
          type={attest.data.integrity === 'MATCH' ? 'success' : 'error'}
          showIcon
          role="status"
          title={ot('handover.result', { match: ot(`match.${attest.data.integrity === 'MATCH'}`) })}
          description={ot('handover.status', { status: ot(`itemStatus.${attest.data.status}` as OfficerKey) })}
        />
      ) : null}
    </Space>
  );
}

function ItemCard({ item }: { item: Item }) {
  const session = useSession()!;
  const queryClient = useQueryClient();
  const [purpose, setPurpose] = useState('');
  const path = { evidenceItemId: item.evidenceItemId };
  const chain = useQuery({
    queryKey: ['evidence-items', item.evidenceItemId, 'timeline'],
    queryFn: async () => unwrap(await api.custody.GET('/evidence-items/{evidenceItemId}/timeline', { params: { path } })).steps,
  });
  const done = () => queryClient.invalidateQueries({ queryKey: ['evidence-items'] });
  const takeOver = useMutation({
    mutationFn: async () => {
      // The approval document the package was released on, as the requests service received it.
      const request = unwrap(await api.requests.GET('/requests/{id}', { params: { path: { id: item.requestId } } }));
      const approval = request.decision?.signedDocument as never;
      return unwrap(await api.custody.POST('/evidence-items/{evidenceItemId}/hand-overs', { params: { path }, body: { approval, purpose } }));
    },
    onSettled: done,
  });
  const pending = pendingHandOver(chain.data ?? []);
  const confirm = useMutation({
    mutationFn: async (handOverId: string) =>
      unwrap(await api.custody.POST('/evidence-items/{evidenceItemId}/hand-overs/{handOverId}/confirmation', { params: { path: { ...path, handOverId } } })),
    onSettled: done,
  });
  const link = useMutation({ mutationFn: async () => unwrap(await api.custody.POST('/evidence-items/{evidenceItemId}/delivery-links', { params: { path } })) });
  const names = useNames([item.holderOrganisationId, item.ownerOrganisationId]);
  const error = takeOver.error ?? confirm.error ?? link.error;
  return (
    <List.Item data-evidence-item-id={item.evidenceItemId}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{ot('handover.item', { number: item.approvalDocumentNumber })}</Typography.Text>
          <Badge status={item.status === 'COMPROMISED' ? 'error' : item.status === 'IN_CUSTODY' ? 'success' : 'processing'} text={ot(`itemStatus.${item.status}` as OfficerKey)} />
          <a {...linkProps(`/officer/requests/${item.requestId}`)}>{ot('detail.open')}</a>
        </Space>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={ot('col.window')}>{windowText(item.window)}</Descriptions.Item>
          <Descriptions.Item label={ot('handover.holderLabel')}>{names(item.holderOrganisationId) ?? item.holderOrganisationId}</Descriptions.Item>
        </Descriptions>
        {error ? <RefusalAlert error={error} /> : null}
        {item.status === 'PREPARED' && !pending ? (
          <Space wrap>
            <Input aria-label={ot('handover.purpose')} placeholder={ot('handover.purpose')} value={purpose} onChange={(e) => setPurpose(e.target.value)} style={{ width: 320 }} />
            <Button type="primary" disabled={!purpose.trim()} loading={takeOver.isPending} onClick={() => takeOver.mutate()}>
              {ot('handover.takeOver')}
            </Button>
          </Space>
        ) : null}
        {takeOver.data ? <Alert type="info" showIcon role="status" title={ot('handover.started', { at: formatInstant(takeOver.data.confirmBy) })} /> : null}
        {item.status === 'PREPARED' && pending && pending.startedBy !== session.personId ? (
          <Button type="primary" loading={confirm.isPending} onClick={() => confirm.mutate(pending.handOverId)}>
            {ot('handover.confirm')}
          </Button>
        ) : null}
        {item.status === 'HANDED_OVER' || item.status === 'IN_CUSTODY' ? (
          <Space wrap>
            <Button onClick={() => link.mutate()} loading={link.isPending}>
              {ot('handover.download')}
            </Button>
            {link.data ? (
              <a href={`/api/custody${link.data.url}`} download>
                {ot('handover.downloadLink', { at: formatInstant(link.data.expiresAt) })}
              </a>
            ) : null}
          </Space>
        ) : null}
        {/* One place for both, so that the receipt's answer stays on screen once the item is in custody. */}
        {item.status === 'HANDED_OVER' || item.status === 'IN_CUSTODY' ? <AttestCopy item={item} mode={item.status === 'HANDED_OVER' ? 'receipt' : 'verifications'} /> : null}
      </Space>
    </List.Item>
  );
}

/** Evidence packages of my organ: take over with the approval document, download, and attest the copy held (R18.1, R18.5). */
export default function HandOverPage(_: PageProps) {
  useLocale();
  const items = usePagedList(['evidence-items'], async (cursor) => unwrap(await api.custody.GET('/evidence-items', { params: { query: { cursor } } })));
  return (
    <Card>
      <PageTitle>{ot('handover.title')}</PageTitle>
      <PagedItems list={items} empty={ot('handover.empty')} renderItem={(item) => <ItemCard key={item.evidenceItemId} item={item} />} />
    </Card>
  );
}
