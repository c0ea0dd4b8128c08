import { Alert, Button, Card, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import type { PageProps } from '../../pages';
import { linkProps } from '../../router';
import { useNames } from '../officer/officer-ui';
import { downloadWithToken } from './evidence-timeline';
import { defaultPeriod, organOfKey, useJurisdictionReport, type Period } from './oversight-data';
import { useOversightT } from './oversight-messages';
import { PeriodPicker } from './period-picker';
import { ReportDocument } from './report-document';

/**
 * The report of the jurisdiction and a period (issue 20): shown here with its charts, and
 * downloaded as a PDF in Chinese (printed by the gateway from the print page) or as CSV.
 */
export default function ReportsPage(_: PageProps) {
  const t = useOversightT();
  const [period, setPeriod] = useState<Period>(() => defaultPeriod());
  const [failed, setFailed] = useState<string>();
  const report = useJurisdictionReport(period);
  const names = useNames((report.data?.rows ?? []).filter((r) => r.section.startsWith('ACCESSES')).map((r) => organOfKey(r.key)));
  const query = new URLSearchParams({ from: period.from, to: period.to }).toString();
  const day = period.from.slice(0, 10);
  const run = (download: Promise<void>) => {
    setFailed(undefined);
    download.catch((error: Error) => setFailed(error.message));
  };
  return (
    <div style={{ maxWidth: 1200 }}>
      <h1 style={{ fontSize: 20 }}>{t('reports.title')}</h1>
      <Typography.Paragraph type="secondary">{t('reports.help')}</Typography.Paragraph>
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <PeriodPicker value={period} onChange={setPeriod} />
          <Button onClick={() => run(downloadWithToken(`/pdf/oversight-reports?${query}`, `oversight-report-${day}.pdf`))} data-testid="report-pdf">
            {t('reports.pdf')}
          </Button>
          <Button onClick={() => run(downloadWithToken(`/api/oversight/v1/reports/csv?${query}`, `oversight-report-${day}.csv`))} data-testid="report-csv">
            {t('reports.csv')}
          </Button>
          <a {...linkProps(`/oversight/reports/print?${query}`)}>{t('reports.print')}</a>
        </Space>
        {failed ? <Alert type="error" title={failed} /> : null}
        {report.error ? <Alert type="error" title={report.error.message} /> : null}
        {report.data ? <ReportDocument report={report.data} t={t} names={names} /> : <Spin />}
      </Card>
    </div>
  );
}
