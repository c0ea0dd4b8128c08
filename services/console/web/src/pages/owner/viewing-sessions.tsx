import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, InputNumber, List, Space } from 'antd';
import { useState } from 'react';
import { MAX_VIEWING_SESSION_MINUTES } from '../../../../../../libs/domain/src/custody/viewing-limit';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/custody';
import { labelOf, listOf, useLocale, withNote } from '../../i18n';
import { PagedItems, usePagedList } from '../../paged-list';
import type { PageProps } from '../../pages';
import { formatInstant } from '../../time';
import { type Names, personLabel, RefusalAlert, useNames } from '../officer/officer-ui';
import { windowText } from '../officer/request-table';
import { owt, owtOf } from './owner-messages';
import { useCameraNames } from './use-camera-names';
import { PageTitle, SectionTitle } from '../../page-title';

/** A co-signed VIEW request naming my systems (custody's `GET /view-requests`). */
interface ViewRequest {
  readonly requestId: string;
  readonly requestingOrganisationId: string;
  readonly caseReference: string;
  readonly purpose: string;
  readonly cameraIds: string[];
  readonly windowFrom: string;
  readonly windowTo: string;
  readonly filer: { personId: string; credentialNumber: string };
  readonly coSigner?: { personId: string; credentialNumber: string };
}

/** A session still open: custody marks it CLOSED when closed or ended; one past its end is over too. */
const isOpen = (s: { status: string; expiresAt: string }) =>
  s.status === 'OPEN' && Date.parse(s.expiresAt) > Date.now();

type ViewingSession = components['schemas']['ViewingSessionViewDto'];

/** The names of the organs and officers, and of the cameras, that the requests and sessions mention. */
interface ViewingNames {
  readonly names: Names;
  readonly camera: (id: string) => string;
}

function useViewingNames(requests: readonly ViewRequest[], sessions: readonly ViewingSession[]): ViewingNames {
  const names = useNames([
    ...requests.flatMap((r) => [r.requestingOrganisationId, r.filer.personId, r.coSigner?.personId]),
    ...sessions.flatMap((s) => [s.requestingOrganisationId, ...s.joined.map((j) => j.personId)]),
  ]);
  const camera = useCameraNames([...requests.flatMap((r) => r.cameraIds), ...sessions.flatMap((s) => s.cameraIds)]);
  return { names, camera };
}

/** A VIEW request ready for a session: its organ, officers, window and cameras, and the session's length. */
function ViewRequestItem({
  r,
  naming: { names, camera },
  live,
  minutes,
  onMinutes,
  opening,
  onOpen,
}: {
  r: ViewRequest;
  naming: ViewingNames;
  live: boolean;
  minutes: number;
  onMinutes: (minutes: number) => void;
  opening: boolean;
  onOpen: () => void;
}) {
  return (
    <List.Item data-view-request={r.requestId}>
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        <strong>
          {names(r.requestingOrganisationId) ?? owt('common.unknown')} · {r.caseReference}
        </strong>
        <span>
          {owt('viewing.officers', {
            a: personLabel(names, r.filer.personId),
            b: r.coSigner ? personLabel(names, r.coSigner.personId) : '—',
          })}
        </span>
        <span>
          {labelOf(owt('queue.col.window'))}
          {windowText({ from: r.windowFrom, to: r.windowTo })} · {labelOf(owt('viewing.cameras'))}
          {listOf(r.cameraIds.map(camera))}
        </span>
        {live ? null : (
          <Space>
            <label htmlFor={`minutes-${r.requestId}`}>{owt('viewing.duration')}</label>
            <InputNumber
              id={`minutes-${r.requestId}`}
              min={5}
              max={MAX_VIEWING_SESSION_MINUTES}
              value={minutes}
              onChange={(v) => onMinutes(v ?? 30)}
            />
            <Button type="primary" loading={opening} onClick={onOpen}>
              {owt('viewing.open')}
            </Button>
          </Space>
        )}
      </Space>
    </List.Item>
  );
}

/** A session: its status, when it opened and ends, its cameras, who joined with which credential. */
function SessionItem({
  s,
  naming: { names, camera },
  closing,
  onClose,
}: {
  s: ViewingSession;
  naming: ViewingNames;
  closing: boolean;
  onClose: () => void;
}) {
  const open = isOpen(s);
  return (
    <List.Item data-session-id={s.sessionId}>
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        <span>
          <Badge
            status={open ? 'processing' : 'default'}
            text={owtOf('sessionStatus', open || s.status === 'CLOSED' ? s.status : 'EXPIRED')}
          />{' '}
          · {names(s.requestingOrganisationId) ?? owt('common.unknown')} · {s.caseReference}
        </span>
        <span>
          {owt('viewing.opened', { at: formatInstant(s.openedAt) })} ·{' '}
          {s.closedAt
            ? owt('viewing.closedAt', { at: formatInstant(s.closedAt) })
            : owt('viewing.expires', { at: formatInstant(s.expiresAt) })}
        </span>
        <span>
          {labelOf(owt('viewing.cameras'))}
          {listOf(s.cameraIds.map(camera))}
        </span>
        <span data-joined>
          {labelOf(owt('viewing.joined'))}
          {s.joined.length === 0
            ? owt('viewing.nobody')
            : listOf(s.joined.map((j) => withNote(personLabel(names, j.personId), j.credentialNumber)))}
        </span>
        {open ? (
          <Button
            danger
            loading={closing}
            onClick={onClose}
            // antd's default danger red is under WCAG AA's 4.5:1 on white: a darker one.
            style={{ alignSelf: 'flex-start', color: '#a8071a', borderColor: '#a8071a' }}
          >
            {owt('viewing.close')}
          </Button>
        ) : null}
      </Space>
    </List.Item>
  );
}

/**
 * Viewing sessions of my systems (R18.1–R18.4): open one, time-boxed, for a co-signed VIEW
 * request (its cameras and window are the request's), see which of its two officers joined
 * with the credential they showed, and close it early (playback stops at the next range).
 */
export default function ViewingSessionsPage(_: PageProps) {
  useLocale();
  const queryClient = useQueryClient();
  const [minutes, setMinutes] = useState<Record<string, number>>({});
  const requests = usePagedList<ViewRequest>(['view-requests'], async (cursor) =>
    unwrap(await api.custody.GET('/view-requests', { params: { query: { cursor } } })),
  );
  const sessions = usePagedList(
    ['viewing-sessions'],
    async (cursor) => unwrap(await api.custody.GET('/viewing-sessions', { params: { query: { cursor } } })),
    { refetchInterval: 5000 },
  );
  const done = () => queryClient.invalidateQueries({ queryKey: ['viewing-sessions'] });
  const openSession = useMutation({
    mutationFn: async (requestId: string) =>
      unwrap(
        await api.custody.POST('/viewing-sessions', { body: { requestId, durationMinutes: minutes[requestId] ?? 30 } }),
      ),
    onSettled: done,
  });
  const close = useMutation({
    mutationFn: async (sessionId: string) =>
      unwrap(await api.custody.POST('/viewing-sessions/{sessionId}/close', { params: { path: { sessionId } } })),
    onSettled: done,
  });
  const allSessions = sessions.items;
  const live = new Set(allSessions.filter(isOpen).map((s) => s.requestId));
  const naming = useViewingNames(requests.items, allSessions);
  const requestItem = (r: ViewRequest) => (
    <ViewRequestItem
      r={r}
      naming={naming}
      live={live.has(r.requestId)}
      minutes={minutes[r.requestId] ?? 30}
      onMinutes={(v) => setMinutes((m) => ({ ...m, [r.requestId]: v }))}
      opening={openSession.isPending && openSession.variables === r.requestId}
      onOpen={() => openSession.mutate(r.requestId)}
    />
  );
  const sessionItem = (s: ViewingSession) => (
    <SessionItem
      s={s}
      naming={naming}
      closing={close.isPending && close.variables === s.sessionId}
      onClose={() => close.mutate(s.sessionId)}
    />
  );
  return (
    <Card>
      <PageTitle>{owt('viewing.title')}</PageTitle>
      <RefusalAlert error={openSession.error ?? close.error} title={owt('viewing.refused')} />
      <SectionTitle>{owt('viewing.requests')}</SectionTitle>
      <PagedItems list={requests} empty={owt('viewing.noRequests')} renderItem={requestItem} />
      <SectionTitle>{owt('viewing.sessions')}</SectionTitle>
      <PagedItems list={sessions} empty={owt('viewing.noSessions')} renderItem={sessionItem} />
    </Card>
  );
}
