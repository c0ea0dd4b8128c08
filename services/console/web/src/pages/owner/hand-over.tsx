import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Timeline } from 'antd';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/custody';
import { listOf, useLocale } from '../../i18n';
import type { PageProps } from '../../pages';
import { formatInstant } from '../../time';
import { type Names, personLabel, useNames } from '../officer/officer-ui';
import { owt, owtOf } from './owner-messages';
import { type FulfilmentItem, useFulfilmentQueue } from './owner-ui';
import { PageTitle, SectionTitle } from '../../page-title';

type EvidenceItem = components['schemas']['EvidenceItemViewDto'];
type Exported = FulfilmentItem['exports'][number];

/** The package: its document, hash, when and by whom exported, custody's status and holder. */
function PackageFacts({ item, exported, names }: { item: EvidenceItem; exported: Exported | undefined; names: Names }) {
  return (
    <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
      <Descriptions.Item label={owt('doc.number')}>{item.approvalDocumentNumber}</Descriptions.Item>
      <Descriptions.Item label={owt('handover.sha256')}>
        <code>{item.packageSha256}</code>
      </Descriptions.Item>
      {exported ? (
        <Descriptions.Item label={owt('handover.exportedAt')}>
          {owt('queue.exported', {
            at: formatInstant(exported.exportedAt),
            by: names(exported.exportedBy.personId) ?? owt('common.unknown'),
          })}
        </Descriptions.Item>
      ) : null}
      <Descriptions.Item label={owt('handover.status')}>
        <span data-custody-status={item.status}>{owtOf('itemStatus', item.status)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={owt('handover.holder')}>
        {names(item.holderOrganisationId) ?? owt('common.unknown')}
      </Descriptions.Item>
    </Descriptions>
  );
}

/**
 * The hand-over of an exported package (R18.5), as its owner follows it: the package (hash,
 * when, by whom), custody's status and holder, and each step of its chain with times, persons
 * and organs. The officers of the requesting organ take it over by presenting the approval
 * document in their console; the owner sees it happen (refreshed every few seconds).
 */
export default function OwnerHandOverPage({ params }: PageProps) {
  useLocale();
  const path = { evidenceItemId: params.exportId };
  const queue = useFulfilmentQueue();
  const exported = queue.data?.flatMap((i) => i.exports).find((e) => e.exportId === params.exportId);
  const item = useQuery({
    queryKey: ['evidence-items', params.exportId],
    queryFn: async () => unwrap(await api.custody.GET('/evidence-items/{evidenceItemId}', { params: { path } })),
    // Custody registers the package from storage's event, a moment after the export.
    retry: 10,
    retryDelay: 1000,
    refetchInterval: 5000,
  });
  const chain = useQuery({
    queryKey: ['evidence-items', params.exportId, 'timeline'],
    enabled: item.isSuccess,
    queryFn: async () =>
      unwrap(await api.custody.GET('/evidence-items/{evidenceItemId}/timeline', { params: { path } })).steps,
    refetchInterval: 5000,
  });
  const steps = chain.data ?? [];
  const names = useNames([
    item.data?.holderOrganisationId,
    item.data?.ownerOrganisationId,
    exported?.exportedBy.personId,
    ...steps.flatMap((s) => [s.organisationId, s.toOrganisationId, ...s.officers.map((o) => o.personId)]),
  ]);
  return (
    <Card>
      <PageTitle>{owt('handover.title')}</PageTitle>
      {item.isError ? <Alert type="info" showIcon title={owt('handover.none')} /> : null}
      {item.data ? <PackageFacts item={item.data} exported={exported} names={names} /> : null}
      {item.data?.status === 'PREPARED' ? (
        <Alert type="info" showIcon role="status" title={owt('handover.waiting')} style={{ marginBottom: 16 }} />
      ) : null}
      {steps.length > 0 ? (
        <>
          <SectionTitle>{owt('handover.steps')}</SectionTitle>
          <Timeline
            items={steps.map((s, index) => ({
              key: `${s.step}-${index}`,
              content: (
                <div data-step={s.step}>
                  <strong>{owtOf('step', s.step)}</strong> · {formatInstant(s.at)}
                  {s.officers.length > 0
                    ? ` · ${listOf(s.officers.map((o) => personLabel(names, o.personId, o.organisationId)))}`
                    : ''}
                  {s.organisationId ? ` · ${names(s.organisationId) ?? owt('common.unknown')}` : ''}
                </div>
              ),
            }))}
          />
        </>
      ) : null}
    </Card>
  );
}
