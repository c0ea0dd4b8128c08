import { Badge, Card, Space, Table, Typography } from 'antd';
import { listOf, useLocale } from '../../i18n';
import type { PageProps } from '../../pages';
import { linkProps } from '../../router';
import { formatInstant } from '../../time';
import { type Names, useNames } from '../officer/officer-ui';
import { StatusTag } from '../oversight/status-tag';
import { windowText } from '../officer/request-table';
import { owt, owtOf } from './owner-messages';
import { type FulfilmentItem, useFulfilmentQueue } from './owner-ui';
import { useSystems } from './use-systems';
import { PageTitle } from '../../page-title';

const MINUTE = 'YYYY-MM-DD HH:mm';

/**
 * Shares of the page's width per column, not pixels (as the head's queue): with a fixed layout
 * the table fits the content area at 1280 px and long names and numbers wrap.
 */
const SHARES = { kind: 6, requester: 12, filer: 7, case: 10, window: 13, since: 9, deadline: 11, escalation: 12, exports: 10, actions: 9 };
const TOTAL = Object.values(SHARES).reduce((a, b) => a + b, 0);
const width = (column: keyof typeof SHARES) => `${((SHARES[column] / TOTAL) * 100).toFixed(2)}%`;

/** When the request must be fulfilled by, and whether it is overdue (R16.5). */
function DeadlineCell({ row }: { row: FulfilmentItem }) {
  return (
    <span data-deadline={row.overdue ? 'overdue' : 'due'}>
      {formatInstant(row.fulfilBy, MINUTE)}{' '}
      <Badge status={row.overdue ? 'error' : 'success'} text={row.overdue ? owt('queue.overdue') : owt('queue.due')} />
    </span>
  );
}

/** Whom an overdue request escalates to, and when it was, if it was (R16.5). */
function EscalationCell({ row, to, names }: { row: FulfilmentItem; to: string[]; names: Names }) {
  const named = to.map((id) => names(id) ?? owt('common.unknown'));
  return (
    <Space orientation="vertical" size={0}>
      <span data-escalates-to>{named.length > 0 ? listOf(named) : owt('queue.escalatesTo')}</span>
      {/* Recorded escalations (requests.FulfilmentOverdueEscalated), the earliest when several systems. */}
      {row.escalations.length > 0 ? (
        <StatusTag tone="red" data-escalated-at={row.escalations[0].escalatedAt}>
          {owt('queue.escalated', { at: formatInstant(row.escalations[0].escalatedAt, MINUTE) })}
        </StatusTag>
      ) : null}
    </Space>
  );
}

/** What was already exported: each package, when, by whom. */
function ExportsCell({ row, names }: { row: FulfilmentItem; names: Names }) {
  if (row.exports.length === 0) {
    return <span className="custos-secondary">{row.kind === 'VIEW' ? owt('queue.viewNote') : owt('queue.notExported')}</span>;
  }
  return (
    <Space orientation="vertical" size={0}>
      {row.exports.map((e) => (
        <a key={e.exportId} data-export-id={e.exportId} {...linkProps(`/owner/hand-over/${e.exportId}`)}>
          {owt('queue.exported', {
            at: formatInstant(e.exportedAt, MINUTE),
            by: names(e.exportedBy.personId) ?? owt('common.unknown'),
          })}
        </a>
      ))}
    </Space>
  );
}

/** Verify the approval document, then export (again). */
function ActionsCell({ row }: { row: FulfilmentItem }) {
  if (!row.decision?.documentNumber) return null;
  return (
    <Space wrap size={[8, 0]}>
      <a {...linkProps(`/owner/verify?n=${encodeURIComponent(row.decision.documentNumber)}`)}>{owt('queue.verify')}</a>
      <a {...linkProps(`/owner/export/${row.requestId}`)}>
        {row.exports.length > 0 ? owt('queue.reExport') : owt('queue.export')}
      </a>
    </Space>
  );
}

/**
 * What waits for my organisation's cooperation (R16.5): registered views and approved copies
 * and retrievals of my systems, oldest first, since when, the deadline (configured per kind in
 * the requests service) and whom an overdue one escalates to; what was already exported
 * (package, when, by whom). Names, never ids.
 */
export default function FulfilmentQueuePage(_: PageProps) {
  useLocale();
  const queue = useFulfilmentQueue();
  const rows = queue.data ?? [];
  // The county PSB supervising each of my systems, to whom an overdue request escalates (R16.5).
  const systems = useSystems(rows.flatMap((r) => r.imageSystemIds));
  const supervisorOf = (id: string) => systems.data?.get(id)?.supervisingOrganisationId;
  const escalatesTo = (r: FulfilmentItem) => [...new Set(r.imageSystemIds.map(supervisorOf).filter((id): id is string => !!id))];
  const names = useNames([
    ...rows.flatMap((r) => [r.organisationId, r.filerPersonId, ...r.exports.map((e) => e.exportedBy.personId)]),
    ...[...(systems.data?.values() ?? [])].map((s) => s.supervisingOrganisationId),
  ]);
  return (
    <Card>
      <PageTitle>{owt('queue.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{owt('queue.escalationNote')}</Typography.Paragraph>
      <style>{'.custos-owner-queue td, .custos-owner-queue th { overflow-wrap: anywhere; word-break: normal; }'}</style>
      <Table<FulfilmentItem>
        rowKey="requestId"
        loading={queue.isLoading}
        dataSource={rows}
        locale={{ emptyText: owt('queue.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        tableLayout="fixed"
        className="custos-owner-queue"
        columns={[
          { title: owt('queue.col.kind'), dataIndex: 'kind', width: width('kind'), render: (k: string) => owtOf('kind', k) },
          {
            title: owt('queue.col.requester'),
            dataIndex: 'organisationId',
            width: width('requester'),
            render: (id: string) => names(id) ?? owt('common.unknown'),
          },
          {
            title: owt('queue.col.filer'),
            dataIndex: 'filerPersonId',
            width: width('filer'),
            render: (id: string) => names(id) ?? owt('common.unknown'),
          },
          { title: owt('queue.col.case'), dataIndex: 'caseReference', width: width('case') },
          { title: owt('queue.col.window'), dataIndex: 'window', width: width('window'), render: windowText },
          { title: owt('queue.col.since'), dataIndex: 'readySince', width: width('since'), render: (at: string) => formatInstant(at, MINUTE) },
          {
            title: owt('queue.col.deadline'),
            key: 'deadline',
            width: width('deadline'),
            render: (_, row) => <DeadlineCell row={row} />,
          },
          {
            title: owt('queue.col.escalation'),
            key: 'escalation',
            width: width('escalation'),
            render: (_, row) => <EscalationCell row={row} to={escalatesTo(row)} names={names} />,
          },
          {
            title: owt('queue.col.exports'),
            key: 'exports',
            width: width('exports'),
            render: (_, row) => <ExportsCell row={row} names={names} />,
          },
          {
            title: owt('queue.col.actions'),
            key: 'actions',
            width: width('actions'),
            render: (_, row) => <ActionsCell row={row} />,
          },
        ]}
      />
    </Card>
  );
}
