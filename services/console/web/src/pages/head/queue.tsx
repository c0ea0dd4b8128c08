import { type QueryClient, useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { memo, type ReactNode, useEffect, useMemo, useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { PageProps } from '../../pages';
import { linkProps } from '../../router';
import { formatInstant } from '../../time';
import { ApprovalCase, HeadStyles, KindTag, nameOf, Route, Signers, windowText } from './labels';
import { type HeadT, useHeadT, waited } from './messages';
import { listOf } from '../../i18n';

const PAGE_SIZE = 50;

/** One column of the queue's table: a heading, its share of the width (a weight) and what a case shows in it. */
const column = (title: string, key: string, width: number, show: (c: ApprovalCase) => ReactNode) => ({
  title,
  key,
  width,
  render: (_: unknown, c: ApprovalCase) => show(c),
});
const DAY = 86_400_000;

type Column = ReturnType<typeof column>;

/**
 * The fifty cases as a plain table styled like antd's small one: antd's Table mounts a component
 * per cell with its hooks, which on this machine took longer than the request itself.
 */
function CaseTable({ rows, columns, busy, empty }: { rows: ApprovalCase[]; columns: Column[]; busy: boolean; empty: string }) {
  // Shares of the page's width, not pixels: the table fits the content area at 1280 px and wraps its text.
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  return (
    <div className="custos-cases" aria-busy={busy}>
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" style={{ width: `${((c.width / total) * 100).toFixed(2)}%` }}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>{busy ? '…' : empty}</td>
            </tr>
          ) : (
            rows.map((r) => <CaseRow key={r.requestId} row={r} columns={columns} />)
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A row renders again only when its case or the columns change (not when the counts or the fetching flag do). */
const CaseRow = memo(function CaseRow({ row, columns }: { row: ApprovalCase; columns: Column[] }) {
  return (
    <tr data-row-key={row.requestId}>
      {columns.map((c) => (
        <td key={c.key}>{c.render(undefined, row)}</td>
      ))}
    </tr>
  );
});

/**
 * A filter as a native select with an "all" choice: the queue's three filters as antd Selects cost
 * more to mount (their style sheets computed on the click) than the fifty rows.
 */
function FilterSelect({ label, all, value, options, onChange }: {
  label: string;
  all: string;
  value: string | undefined;
  options: readonly (readonly [string, string])[];
  onChange: (value: string | undefined) => void;
}) {
  return (
    <label>
      <span className="custos-secondary">{label}</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}>
        <option value="">{all}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

const CASE_TABLE_CSS =
  '.custos-cases { overflow-x: auto; } .custos-cases table { width: 100%; border-collapse: collapse; font-size: 14px; table-layout: fixed; background: #fff; }' +
  '.custos-cases th { background: #fafafa; font-weight: 600; text-align: start; }' +
  '.custos-cases th, .custos-cases td { padding: 8px; border-bottom: 1px solid #f0f0f0; vertical-align: top; overflow-wrap: anywhere; }' +
  '.custos-cases[aria-busy="true"] tbody { opacity: 0.5; }' +
  // The page's frame as plain elements (antd's Tabs, Select and Space cost a style computation each on the click).
  '.custos-queue { display: flex; flex-direction: column; gap: 16px; } .custos-queue-title { font-size: 22px; font-weight: 600; margin: 0; }' +
  '.custos-tabs { display: flex; gap: 24px; border-bottom: 1px solid #f0f0f0; }' +
  '.custos-tabs button { background: none; border: 0; border-bottom: 2px solid transparent; padding: 8px 0; font-size: 14px; cursor: pointer; color: rgba(0, 0, 0, 0.88); }' +
  '.custos-tabs button[aria-selected="true"] { color: #0958d9; border-bottom-color: #0958d9; }' +
  '.custos-filters { display: flex; gap: 16px; flex-wrap: wrap; } .custos-filters label { display: flex; gap: 8px; align-items: center; }' +
  '.custos-filters select { height: 32px; min-width: 140px; padding: 0 8px; border: 1px solid #d9d9d9; border-radius: 6px; background: #fff; font-size: 14px; }' +
  '.custos-pager { display: flex; gap: 8px; align-items: center; }';

/** One count above the queue, as a card of plain elements (five antd Card + Statistic pairs cost more to mount than the rows). */
function Count({ title, value }: { title: string; value: string | number }) {
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 12px', minWidth: 110 }}>
      <div className="custos-secondary">{title}</div>
      <div style={{ fontSize: 22 }}>{value}</div>
    </div>
  );
}
type Status = 'OPEN' | 'APPROVED' | 'DENIED';
type Kind = 'COPY' | 'RETRIEVE' | 'DIRECT_ACCESS';
type Filters = { kind?: Kind; requestingOrganisationId?: string; openedBefore?: string };

/** One page of the queue as TanStack Query fetches it: the page's query and the menu's prefetch share it. */
const pageQuery = (status: Status, filters: Filters, cursor: string | undefined) => ({
  queryKey: ['approval-queue', status, filters, cursor],
  queryFn: async () =>
    unwrap(await api.approvals.GET('/approval-cases', { params: { query: { ...filters, status, limit: PAGE_SIZE, cursor } } })),
  // What the menu's prefetch brought is shown, not asked for again, when the page mounts right after.
  staleTime: 5_000,
});

/** The first page of open cases, requested on the menu click while the page's code runs. */
export function prefetchQueue(client: QueryClient): void {
  void client.prefetchQuery(pageQuery('OPEN', {}, undefined));
}

/** The queue's columns: the decision only on the approved and denied tabs. */
function useQueueColumns(t: HeadT, status: Status): Column[] {
  return useMemo(
    () => [
      {
        title: t('queue.col.openedAt'),
        key: 'openedAt',
        width: 12,
        render: (_: unknown, c: ApprovalCase) => (
          <div>
            {formatInstant(c.openedAt, 'YYYY-MM-DD HH:mm')}
            <div className="custos-secondary">
              {t('queue.col.waiting')} {waited(t, c.ageMs)}
            </div>
          </div>
        ),
      },
      {
        title: t('queue.col.kind'),
        key: 'kind',
        width: 8,
        render: (_: unknown, c: ApprovalCase) => <KindTag kind={c.kind} t={t} />,
      },
      column(t('queue.col.organ'), 'organ', 12, (c) => nameOf(c.requestingOrganisation)),
      column(t('queue.col.signers'), 'signers', 19, (c) => <Signers item={c} t={t} />),
      column(t('queue.col.cameras'), 'cameras', 11, (c) => listOf(c.cameras.map(nameOf))),
      column(t('queue.col.window'), 'window', 12, (c) => windowText(c.window)),
      column(t('queue.col.route'), 'route', 21, (c) => <Route item={c} t={t} />),
      ...(status === 'OPEN'
        ? []
        : [
            {
              title: t('queue.col.decision'),
              key: 'decision',
              width: 14,
              render: (_: unknown, c: ApprovalCase) => c.decision?.documentNumber ?? c.decision?.reason ?? '',
            },
          ]),
      {
        title: t('queue.col.action'),
        key: 'action',
        width: 6,
        render: (_: unknown, c: ApprovalCase) => (
          <a className="custos-link" {...linkProps(`/head/cases/${c.requestId}`)}>
            {t('queue.open')}
          </a>
        ),
      },
    ],
    [t, status],
  );
}

const TABS = ['OPEN', 'APPROVED', 'DENIED'] as const;

function QueueTabs({ t, status, onChange }: { t: HeadT; status: Status; onChange: (status: Status) => void }) {
  return (
    <div role="tablist" className="custos-tabs">
      {TABS.map((s) => (
        <button key={s} type="button" role="tab" aria-selected={status === s} onClick={() => onChange(s)}>
          {t(`queue.tab.${s.toLowerCase() as 'open' | 'approved' | 'denied'}`)}
        </button>
      ))}
    </div>
  );
}

type QueueCountsData = { total: number; byKind: Record<Kind, number>; oldestOpenedAt?: string | null };

/** The open cases' counts: in all, by kind, and the oldest. */
function QueueCounts({ t, counts }: { t: HeadT; counts: QueueCountsData | undefined }) {
  const oldest = counts?.oldestOpenedAt;
  return (
    <div role="region" aria-label={t('queue.total')} style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
      {(
        [
          [t('queue.total'), counts?.total],
          ...(['COPY', 'RETRIEVE', 'DIRECT_ACCESS'] as const).map((k) => [t(`kind.${k}`), counts?.byKind[k]]),
          [t('queue.oldest'), oldest ? formatInstant(oldest, 'YYYY-MM-DD HH:mm') : undefined],
        ] as [string, string | number | undefined][]
      ).map(([title, value]) => (
        <Count key={title} title={title} value={value ?? '–'} />
      ))}
    </div>
  );
}

function Pager({ t, page, hasNext, onPrev, onNext }: {
  t: HeadT;
  page: number;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
}) {
  return (
    <div className="custos-pager">
      <Button disabled={page <= 1} onClick={onPrev}>
        {t('queue.prev')}
      </Button>
      <span>{t('queue.page', { n: page })}</span>
      <Button disabled={!hasNext} onClick={onNext}>
        {t('queue.next')}
      </Button>
    </div>
  );
}

/** The filters' choices; choosing one goes back to the first page. */
function useFilterState(reset: () => void) {
  const [kind, setKind] = useState<Kind | undefined>();
  const [organ, setOrgan] = useState<string | undefined>();
  const [minAgeDays, setMinAgeDays] = useState<number | undefined>();
  // Age is fixed when the filter is chosen, so that paging does not shift the window.
  const [openedBefore, setOpenedBefore] = useState<string | undefined>();
  const filters: Filters = { kind, requestingOrganisationId: organ, openedBefore };
  return {
    kind,
    organ,
    minAgeDays,
    filters,
    chooseKind: (v: string | undefined) => {
      setKind(v as Kind | undefined);
      reset();
    },
    chooseOrgan: (v: string | undefined) => {
      setOrgan(v);
      reset();
    },
    chooseAge: (v: string | undefined) => {
      const days = v === undefined ? undefined : Number(v);
      setMinAgeDays(days);
      setOpenedBefore(days === undefined ? undefined : new Date(Date.now() - days * DAY).toISOString());
      reset();
    },
  };
}

/** The requesting organs seen so far, for the organ filter. */
function useSeenOrgans(page: { items: ApprovalCase[] } | undefined): Map<string, string> {
  const [organs, setOrgans] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    setOrgans((known) => {
      const next = new Map(known);
      for (const c of page?.items ?? []) next.set(c.requestingOrganisation.id, nameOf(c.requestingOrganisation));
      return next.size === known.size ? known : next;
    });
  }, [page]);
  return organs;
}

function QueueFilters({ t, organs, state }: { t: HeadT; organs: Map<string, string>; state: ReturnType<typeof useFilterState> }) {
  return (
    <div className="custos-filters">
      <FilterSelect
        label={t('queue.filter.kind')}
        all={t('queue.filter.all')}
        value={state.kind}
        options={(['COPY', 'RETRIEVE', 'DIRECT_ACCESS'] as const).map((k) => [k, t(`kind.${k}`)])}
        onChange={state.chooseKind}
      />
      <FilterSelect
        label={t('queue.filter.organ')}
        all={t('queue.filter.all')}
        value={state.organ}
        options={[...organs]}
        onChange={state.chooseOrgan}
      />
      <FilterSelect
        label={t('queue.filter.age')}
        all={t('queue.filter.all')}
        value={state.minAgeDays === undefined ? undefined : String(state.minAgeDays)}
        options={[1, 3, 7].map((d) => [String(d), t(`queue.age.${d}d` as 'queue.age.1d')])}
        onChange={state.chooseAge}
      />
    </div>
  );
}

/**
 * The head's approval queue (R17.2–R17.4): oldest first, fifty cases a page fetched by cursor
 * (the server never counts rows to page, so page 2 000 costs what page 1 does), counts beside it, filters by kind, requesting organ
 * and age; a tab each for what the organ approved (to revoke) and denied.
 */
export default function ApprovalQueuePage(_: PageProps) {
  const t = useHeadT();
  const [status, setStatus] = useState<Status>('OPEN');
  // The cursors of the pages seen: going back is a step down this stack.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const reset = () => setCursors([undefined]);
  const filterState = useFilterState(reset);
  const { filters } = filterState;

  const page = useQuery({ ...pageQuery(status, filters, cursor), placeholderData: (previous) => previous });
  const organs = useSeenOrgans(page.data);
  const counts = useQuery({
    queryKey: ['approval-queue-counts', filters],
    queryFn: async () => unwrap(await api.approvals.GET('/approval-cases/counts', { params: { query: filters } })),
    // After the rows: the counts scan the organ's whole queue and must not delay the page the head reads first.
    enabled: status === 'OPEN' && page.isSuccess,
  });

  const columns = useQueueColumns(t, status);

  if (page.data && !page.data.head) return <Alert type="info" title={t('queue.notHead')} />;
  return (
    <HeadStyles>
      <style>{CASE_TABLE_CSS}</style>
      <div className="custos-queue">
        <h1 className="custos-queue-title">{t('queue.title')}</h1>
        <QueueTabs
          t={t}
          status={status}
          onChange={(s) => {
            setStatus(s);
            reset();
          }}
        />
        {status === 'OPEN' ? <QueueCounts t={t} counts={counts.data} /> : null}
        <QueueFilters t={t} organs={organs} state={filterState} />
        {page.error ? <Alert type="error" title={t('case.refused', { reason: page.error.message, code: '' })} /> : null}
        <CaseTable rows={page.data?.items ?? []} columns={columns} busy={page.isFetching} empty={t('queue.empty')} />
        <Pager
          t={t}
          page={cursors.length}
          hasNext={!!page.data?.nextCursor}
          onPrev={() => setCursors((c) => c.slice(0, -1))}
          onNext={() => setCursors((c) => [...c, page.data?.nextCursor ?? undefined])}
        />
      </div>
    </HeadStyles>
  );
}
