import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A page's title: its one level-1 heading, the same size on every page (the e2e suites find pages by it). */
export function PageTitle({ children }: { children: ReactNode }) {
  return (
    <Typography.Title level={1} style={{ fontSize: 22 }}>
      {children}
    </Typography.Title>
  );
}

/** A section's title within a page. */
export function SectionTitle({ children }: { children: ReactNode }) {
  return (
    <Typography.Title level={2} style={{ fontSize: 18 }}>
      {children}
    </Typography.Title>
  );
}
