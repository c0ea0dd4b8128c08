import { Alert, Button, Space, Spin } from 'antd';
import { useState } from 'react';
import type { PageProps } from '../../pages';
import { linkProps } from '../../router';
import { useNames } from '../officer/officer-ui';
import { downloadWithToken } from './evidence-timeline';
import { defaultPeriod, organOfKey, useJurisdictionReport, type Period } from './oversight-data';
import { useOversightT } from './oversight-messages';
import { PeriodPicker } from './period-picker';
import { ReportDocument } from './report-document';
import { OversightPage } from './oversight-page';

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
    <OversightPage title={t('reports.title')} help={t('reports.help')}>
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
    </OversightPage>
  );
}
