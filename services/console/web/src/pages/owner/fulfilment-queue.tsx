import { Badge, Card, Space, Table, Typography } from 'antd';
import { useLocale } from '../../i18n';
import type { PageProps } from '../../pages';
import { linkProps } from '../../router';
import { formatInstant } from '../../time';
import { useNames } from '../officer/officer-ui';
import { windowText } from '../officer/request-table';
import { owt, owtOf } from './owner-messages';
import { type FulfilmentItem, useFulfilmentQueue } from './owner-ui';

const MINUTE = 'YYYY-MM-DD HH:mm';

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
  const names = useNames(rows.flatMap((r) => [r.organisationId, r.filerPersonId, ...r.exports.map((e) => e.exportedBy.personId)]));
  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {owt('queue.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{owt('queue.escalationNote')}</Typography.Paragraph>
      <Table<FulfilmentItem>
        rowKey="requestId"
        loading={queue.isLoading}
        dataSource={rows}
        locale={{ emptyText: owt('queue.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: true }}
        columns={[
          { title: owt('queue.col.kind'), dataIndex: 'kind', render: (k: string) => owtOf('kind', k) },
          { title: owt('queue.col.requester'), dataIndex: 'organisationId', render: (id: string) => names(id) ?? owt('common.unknown') },
          { title: owt('queue.col.filer'), dataIndex: 'filerPersonId', render: (id: string) => names(id) ?? owt('common.unknown') },
          { title: owt('queue.col.case'), dataIndex: 'caseReference' },
          { title: owt('queue.col.window'), dataIndex: 'window', render: windowText },
          { title: owt('queue.col.since'), dataIndex: 'readySince', render: (at: string) => formatInstant(at, MINUTE) },
          {
            title: owt('queue.col.deadline'),
            key: 'deadline',
            render: (_, row) => (
              <span data-deadline={row.overdue ? 'overdue' : 'due'}>
                {formatInstant(row.fulfilBy, MINUTE)}{' '}
                <Badge status={row.overdue ? 'error' : 'success'} text={row.overdue ? owt('queue.overdue') : owt('queue.due')} />
              </span>
            ),
          },
          { title: owt('queue.col.escalation'), key: 'escalation', render: () => owt('queue.escalatesTo') },
          {
            title: owt('queue.col.exports'),
            key: 'exports',
            render: (_, row) =>
              row.exports.length === 0 ? (
                <span className="custos-secondary">{row.kind === 'VIEW' ? owt('queue.viewNote') : owt('queue.notExported')}</span>
              ) : (
                <Space orientation="vertical" size={0}>
                  {row.exports.map((e) => (
                    <a key={e.exportId} data-export-id={e.exportId} {...linkProps(`/owner/hand-over/${e.exportId}`)}>
                      {owt('queue.exported', { at: formatInstant(e.exportedAt, MINUTE), by: names(e.exportedBy.personId) ?? owt('common.unknown') })}
                    </a>
                  ))}
                </Space>
              ),
          },
          {
            title: owt('queue.col.actions'),
            key: 'actions',
            render: (_, row) =>
              row.decision?.documentNumber ? (
                <Space>
                  <a {...linkProps(`/owner/verify?n=${encodeURIComponent(row.decision.documentNumber)}`)}>{owt('queue.verify')}</a>
                  <a {...linkProps(`/owner/export/${row.requestId}`)}>{row.exports.length > 0 ? owt('queue.reExport') : owt('queue.export')}</a>
                </Space>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
