import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Spin, Timeline, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import { listOf, useLocale, withNote } from '../../i18n';
import type { PageProps } from '../../pages';
import { RulePackTag } from '../../rule-pack-tag';
import { ot, type OfficerKey } from './officer-messages';
import { RefusalAlert, useNames } from './officer-ui';
import { StatusTag, windowText } from './request-table';
import { idsOf, mergeTimelines, stepColour, stepText, stepTime, withRulePacks } from './timeline';
import { PageTitle } from '../../page-title';

/**
 * One request and its whole timeline: the requests service's steps (filed, co-signed, routed,
 * decided, exported) and custody's steps for each of its packages (handed over, received,
 * transferred), merged by time, with names and the rules cited.
 */
export default function RequestDetailPage({ params }: PageProps) {
  useLocale();
  const id = params.id;
  const request = useQuery({ queryKey: ['requests', id], queryFn: async () => unwrap(await api.requests.GET('/requests/{id}', { params: { path: { id } } })) });
  const timeline = useQuery({
    queryKey: ['requests', id, 'timeline'],
    queryFn: async () => {
      const own = unwrap(await api.requests.GET('/requests/{id}/timeline', { params: { path: { id } } }));
      // A request's packages are one per owner it names: the largest page holds them all.
      const items = unwrap(await api.custody.GET('/evidence-items', { params: { query: { requestId: id, limit: 200 } } })).items;
      const chains = await Promise.all(
        items.map(async (item) => unwrap(await api.custody.GET('/evidence-items/{evidenceItemId}/timeline', { params: { path: { evidenceItemId: item.evidenceItemId } } })).steps),
      );
      return mergeTimelines(own.steps, chains);
    },
  });
  const cameras = useQuery({
    queryKey: ['camera-directory', 'ids', request.data?.cameraIds],
    enabled: !!request.data,
    queryFn: async () => unwrap(await api.registry.GET('/directory/cameras', { params: { query: { id: request.data!.cameraIds, limit: 100 } } })).items,
  });
  const steps = timeline.data ?? [];
  const names = useNames([...idsOf(steps), request.data?.organisationId]);
  if (request.error) return <RefusalAlert error={request.error} />;
  if (!request.data) return <Spin aria-label={ot('detail.title')} />;
  const r = request.data;
  const cameraNames = r.cameraIds.map((c) => {
    const found = cameras.data?.find((x) => x.id === c);
    return found ? withNote(found.name, `${found.imageSystemName} · ${found.ownerOrganisationName}`) : c;
  });
  return (
    <Card>
      <PageTitle>{ot('detail.title')} · {r.caseReference}</PageTitle>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={ot('col.kind')}>{ot(`kind.${r.kind}` as OfficerKey)}</Descriptions.Item>
        <Descriptions.Item label={ot('col.status')}>
          <StatusTag status={r.status} />
        </Descriptions.Item>
        <Descriptions.Item label={ot('col.cameras')}>{cameraNames.join('；')}</Descriptions.Item>
        <Descriptions.Item label={ot('col.window')}>{windowText(r.window)}</Descriptions.Item>
        <Descriptions.Item label={ot('col.purpose')}>{r.purpose}</Descriptions.Item>
        <Descriptions.Item label={ot('detail.credentials')}>{listOf(r.credentialNumbers)}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
        {ot('detail.timeline')}
      </Typography.Title>
      {timeline.error ? <RefusalAlert error={timeline.error} /> : null}
      <Timeline
        aria-label={ot('detail.timeline')}
        items={withRulePacks(steps, r.history).map((s) => ({
          color: stepColour(s),
          content: (
            <div data-step={s.step}>
              <Typography.Text type="secondary">{stepTime(s)}</Typography.Text>
              <div>{stepText(s, names)}</div>
              {s.rulePack ? <RulePackTag pack={s.rulePack} /> : null}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
