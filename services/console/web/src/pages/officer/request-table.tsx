import { Badge, Table } from 'antd';
import type { ReactNode } from 'react';
import { linkProps } from '../../router';
import { formatInstant } from '../../time';
import { ot, type OfficerKey } from './officer-messages';
import { useNames } from './officer-ui';

/** A request as the requests service lists it (the generated client's RequestViewDto). */
export interface RequestRow {
  readonly requestId: string;
  readonly kind: string;
  readonly status: string;
  readonly filerPersonId: string;
  readonly organisationId: string;
  readonly cameraIds: string[];
  readonly window: { from: string; to: string };
  readonly filedAt: string;
  readonly coSignDeadline: string;
  readonly caseReference: string;
  readonly purpose: string;
}

// A coloured dot beside text in the body colour: antd's coloured tags fail WCAG AA contrast.
const STATUS_BADGES: Record<string, 'success' | 'processing' | 'error' | 'warning' | 'default'> = {
  AWAITING_CO_SIGNATURE: 'warning',
  AWAITING_APPROVAL: 'processing',
  REGISTERED: 'success',
  APPROVED: 'success',
  DENIED: 'error',
  REVOKED: 'error',
  WITHDRAWN: 'default',
  EXPIRED: 'default',
};

export function StatusTag({ status }: { status: string }) {
  return <Badge status={STATUS_BADGES[status] ?? 'default'} text={ot(`status.${status}` as OfficerKey)} />;
}

export const windowText = (w: { from: string; to: string }) => `${formatInstant(w.from, 'YYYY-MM-DD HH:mm')} – ${formatInstant(w.to, 'YYYY-MM-DD HH:mm')}`;

/** Requests in a table with names, Beijing times and a link to each one's timeline; `action` adds a column. */
export function RequestTable({ rows, loading, action, empty }: { rows: readonly RequestRow[]; loading: boolean; action?: (row: RequestRow) => ReactNode; empty: string }) {
  const names = useNames(rows.flatMap((r) => [r.filerPersonId, r.organisationId]));
  return (
    <Table<RequestRow>
      rowKey="requestId"
      loading={loading}
      dataSource={[...rows]}
      locale={{ emptyText: empty }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        { title: ot('col.filedAt'), dataIndex: 'filedAt', render: (at: string) => formatInstant(at, 'YYYY-MM-DD HH:mm') },
        { title: ot('col.kind'), dataIndex: 'kind', render: (k: string) => ot(`kind.${k}` as OfficerKey) },
        { title: ot('col.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
        { title: ot('cosign.filer'), dataIndex: 'filerPersonId', render: (p: string) => names(p) ?? p },
        { title: ot('col.caseReference'), dataIndex: 'caseReference' },
        { title: ot('col.window'), dataIndex: 'window', render: windowText },
        { title: ot('col.cameras'), dataIndex: 'cameraIds', render: (ids: string[]) => ids.length },
        {
          title: ot('col.actions'),
          key: 'actions',
          render: (_, row) => (
            <>
              <a {...linkProps(`/officer/requests/${row.requestId}`)}>{ot('detail.open')}</a>
              {action ? <span style={{ marginLeft: 12 }}>{action(row)}</span> : null}
            </>
          ),
        },
      ]}
    />
  );
}
