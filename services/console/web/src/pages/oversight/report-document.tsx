import { formatInstant } from '../../time';
import type { Names } from '../officer/officer-ui';
import { entryLabel, organOfKey, type JurisdictionReport, type ReportRow } from './oversight-data';
import { OVERSIGHT_MESSAGE_KEYS, type OversightMessageKey, type OversightT } from './oversight-messages';
import { BarChart, type Bar } from './report-chart';

/** The sections also drawn as charts: where a person would rather look than read. */
const CHARTED: readonly string[] = ['FINDINGS_BY_RULE', 'ORDERS_BY_STATUS', 'ACCESSES_BY_ORGAN_MONTH', 'TIME_TO_FULFIL'];
/** The report's sections in the order oversight gives them, as its dictionary lists their titles (every section has one). */
const SECTIONS = OVERSIGHT_MESSAGE_KEYS.filter((k) => k.startsWith('ovreport.section.')).map((k) => k.slice('ovreport.section.'.length));

/** A row's key as a reader reads it: organs by name, anomaly kinds and waiting times in words. */
function keyText(row: ReportRow, t: OversightT, names: Names): string {
  if (row.section === 'ANOMALIES') return t(`anomaly.${row.key}` as OversightMessageKey);
  if (row.section === 'TIME_TO_FULFIL') return t(`ovreport.bucket.${row.key}` as OversightMessageKey);
  if (row.section === 'ACCESSES_BY_ORGAN' || row.section === 'ACCESSES_BY_ORGAN_MONTH') {
    const organ = organOfKey(row.key);
    return `${names(organ) ?? organ} ${row.key.slice(organ.length + 1)}`;
  }
  return row.key === 'ALL' ? t('ovreport.section.INSPECTIONS') : row.key;
}

/**
 * The report of a jurisdiction and period as an A4 document in Chinese (issue 20): a table per
 * section, charts as inline SVG for findings by article, orders by status, accesses per organ per
 * month and the time to fulfil, and every figure's ledger entries (service#sequence) beside it.
 */
export function ReportDocument({ report, t, names }: { report: JurisdictionReport; t: OversightT; names: Names }) {
  const rowsOf = (section: string) => report.rows.filter((r) => r.section === section);
  return (
    <article className="custos-report" aria-label={t('ovreport.title')}>
      <h1>{t('ovreport.title')}</h1>
      <div style={{ textAlign: 'center' }}>{t('ovreport.generated', { at: formatInstant(new Date().toISOString()) })}</div>
      <table>
        <tbody>
          <tr><th scope="row">{t('ovreport.division')}</th><td data-testid="ovreport-division">{report.divisionCode}</td></tr>
          <tr><th scope="row">{t('ovreport.period')}</th><td>{formatInstant(report.from)} – {formatInstant(report.to)}</td></tr>
        </tbody>
      </table>
      {SECTIONS.map((section) => {
        const rows = rowsOf(section);
        const title = t(`ovreport.section.${section}` as OversightMessageKey);
        const bars: Bar[] = rows.map((r) => ({ label: keyText(r, t, names), value: r.count }));
        return (
          <section key={section} data-testid={`ovreport-${section}`}>
            <h2>{title}</h2>
            {CHARTED.includes(section) && rows.length > 0 ? <BarChart title={title} bars={bars} testId={`ovchart-${section}`} /> : null}
            {rows.length === 0 ? (
              <div>{t('ovreport.none')}</div>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('ovreport.col.key')}</th>
                    <th scope="col">{t('ovreport.col.count')}</th>
                    {section === 'PENALTIES' ? <th scope="col">{t('ovreport.col.amount')}</th> : null}
                    <th scope="col">{t('ovreport.col.entries')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.key}>
                      <td>{keyText(r, t, names)}</td>
                      <td>{r.count}</td>
                      {section === 'PENALTIES' ? <td>{r.amountCny ?? ''}</td> : null}
                      <td className="mono">{r.evidence.map(entryLabel).join(' ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
      <h2>{t('ovreport.entries')}</h2>
      <div className="mono">
        {report.rows
          .flatMap((r) => r.evidence)
          .map((e) => `${entryLabel(e)} ${e.eventId}`)
          .filter((line, k, all) => all.indexOf(line) === k)
          .join('\n')}
      </div>
    </article>
  );
}
