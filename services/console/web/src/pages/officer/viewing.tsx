import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Descriptions, Empty, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { listOf, useLocale, withNote } from '../../i18n';
import { PagedItems, usePagedList } from '../../paged-list';
import type { PageProps } from '../../pages';
import { useSession } from '../../session';
import { formatInstant } from '../../time';
import { ot } from './officer-messages';
import { personLabel, RefusalAlert, useNames } from './officer-ui';
import { windowText } from './request-table';
import { PageTitle } from '../../page-title';

/** Where a playback link's relative URL points, through the gateway. */
export const playbackSource = (sessionId: string, url: string) => `/api/custody/v1/viewing-sessions/${encodeURIComponent(sessionId)}/${url}`;

/**
 * The footage of one session in the console: a `<video>` per segment whose source is custody's
 * range-request endpoint, by short-lived signed link (R18.1–R18.4); links are fetched afresh
 * before they lapse, and playback stops when the session closes.
 */
function Player({ sessionId }: { sessionId: string }) {
  const links = useQuery({
    queryKey: ['viewing-sessions', sessionId, 'playback-links'],
    queryFn: async () => unwrap(await api.custody.GET('/viewing-sessions/{sessionId}/playback-links', { params: { path: { sessionId } } })),
    refetchInterval: (q) => q.state.data?.refreshAfterMs ?? false,
  });
  if (links.error) return <RefusalAlert error={links.error} />;
  if (!links.data) return null;
  return (
    <section aria-label={ot('viewing.player')}>
      {links.data.segments.length === 0 ? <Empty /> : null}
      {links.data.segments.map((s) => (
        <figure key={s.segmentId} style={{ margin: '8px 0' }}>
          <video
            data-segment={s.segmentId}
            src={playbackSource(sessionId, s.url)}
            controls
            controlsList="nodownload noremoteplayback"
            disablePictureInPicture
            preload="metadata"
            width={640}
            aria-label={`${ot('viewing.player')} ${formatInstant(s.startsAt, 'HH:mm:ss')}–${formatInstant(s.endsAt, 'HH:mm:ss')}`}
          />
          <figcaption>
            {formatInstant(s.startsAt)} – {formatInstant(s.endsAt, 'HH:mm:ss')}
          </figcaption>
        </figure>
      ))}
    </section>
  );
}

/** The officer's viewing sessions: join with the credential shown, play, and see when each closes (R18.1–R18.4). */
export default function ViewingPage(_: PageProps) {
  useLocale();
  const session = useSession()!;
  const queryClient = useQueryClient();
  const [playing, setPlaying] = useState<string | null>(null);
  const sessions = usePagedList(
    ['viewing-sessions'],
    async (cursor) => unwrap(await api.custody.GET('/viewing-sessions', { params: { query: { cursor } } })),
    { refetchInterval: 15_000 },
  );
  const join = useMutation({
    mutationFn: async (sessionId: string) => unwrap(await api.custody.POST('/viewing-sessions/{sessionId}/join', { params: { path: { sessionId } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['viewing-sessions'] }),
  });
  const all = sessions.items;
  const names = useNames(all.flatMap((s) => [s.ownerOrganisationId, ...s.joined.map((j) => j.personId)]));
  return (
    <Card>
      <PageTitle>{ot('viewing.title')}</PageTitle>
      {join.error ? <RefusalAlert error={join.error} /> : null}
      <PagedItems
        list={sessions}
        empty={ot('viewing.empty')}
        renderItem={(s) => {
          const open = s.status === 'OPEN';
          const joinedByMe = s.joined.some((j) => j.personId === session.personId);
          const both = s.joined.length >= 2;
          return (
            <List.Item key={s.sessionId} data-session-id={s.sessionId}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <Badge status={open ? 'success' : 'default'} text={open ? ot('viewing.open') : ot('viewing.closed')} />
                  <Typography.Text strong>{s.caseReference}</Typography.Text>
                  <Typography.Text>{names(s.ownerOrganisationId) ?? s.ownerOrganisationId}</Typography.Text>
                </Space>
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={ot('col.purpose')}>{s.purpose}</Descriptions.Item>
                  <Descriptions.Item label={ot('col.window')}>{windowText(s.window)}</Descriptions.Item>
                  <Descriptions.Item label={ot('viewing.closing')}>
                    {open ? ot('viewing.closesAt', { at: formatInstant(s.expiresAt) }) : ot('viewing.closedAt', { at: formatInstant(s.closedAt ?? s.expiresAt) })}
                  </Descriptions.Item>
                  <Descriptions.Item label={ot('detail.credentials')}>
                    {ot('viewing.joined', { persons: listOf(s.joined.map((j) => withNote(personLabel(names, j.personId), j.credentialNumber))) || '—' })}
                  </Descriptions.Item>
                </Descriptions>
                {open && !joinedByMe ? (
                  <Button type="primary" loading={join.isPending} onClick={() => join.mutate(s.sessionId)}>
                    {ot('viewing.join')}
                  </Button>
                ) : null}
                {open && joinedByMe && !both ? <Alert type="info" showIcon title={ot('viewing.waiting')} /> : null}
                {open && joinedByMe && both ? (
                  <Button type="primary" onClick={() => setPlaying(s.sessionId)}>
                    {ot('viewing.play')}
                  </Button>
                ) : null}
                {playing === s.sessionId && open ? <Player sessionId={s.sessionId} /> : null}
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
