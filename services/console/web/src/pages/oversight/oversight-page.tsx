import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ListTable, type ListTableProps } from '../../paged-list';

/** An oversight page: its title, what it shows and on which rule, and its content in one card. */
export function OversightPage({ title, help, children }: { title: string; help: ReactNode; children: ReactNode }) {
  return (
    <div style={{ maxWidth: 1200 }}>
      <h1 style={{ fontSize: 20 }}>{title}</h1>
      <Typography.Paragraph type="secondary">{help}</Typography.Paragraph>
      <Card>{children}</Card>
    </div>
  );
}

/** An oversight page's table: a list table in the compact size every oversight page shows its rows in. */
export function OversightTable<T extends object>(props: ListTableProps<T>) {
  return <ListTable<T> size="small" {...props} />;
}
