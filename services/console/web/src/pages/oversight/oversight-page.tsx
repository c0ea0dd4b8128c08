import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

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
