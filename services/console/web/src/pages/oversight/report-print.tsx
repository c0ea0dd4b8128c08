import type { PageProps } from '../../pages';
import { linkProps } from '../../router';
import { useNames } from '../officer/officer-ui';
import { PRINT_CSS } from './custody-report';
import { organOfKey, periodOfSearch, useJurisdictionReport } from './oversight-data';
import { useOversightT } from './oversight-messages';
import { ReportDocument } from './report-document';

/**
 * The oversight report of the caller's jurisdiction and the period in the query (`?from=&to=`),
 * bare, to print: the gateway's `/pdf/oversight-reports` prints it with headless Chromium once
 * `data-print-ready` is set (`data-print-failed` with the API's status otherwise).
 */
export default function OversightReportPrintPage(_: PageProps) {
  const t = useOversightT();
  const period = periodOfSearch(window.location.search);
  const report = useJurisdictionReport(period);
  const names = useNames((report.data?.rows ?? []).filter((r) => r.section.startsWith('ACCESSES')).map((r) => organOfKey(r.key)));
  if (report.error) return <main data-print-failed={(report.error as { status?: number }).status ?? 500}>{report.error.message}</main>;
  if (!report.data) return <main aria-busy="true">…</main>;
  return (
    <main data-print-ready="true" style={{ background: '#f0f0f0', padding: '16px 0', minHeight: '100vh' }}>
      <style>{PRINT_CSS}</style>
      <div className="custos-no-print" style={{ maxWidth: '210mm', margin: '0 auto 8px' }}>
        <a {...linkProps('/oversight/reports')}>{t('reports.back')}</a>
      </div>
      <ReportDocument report={report.data} t={t} names={names} />
    </main>
  );
}
