import type { PageProps } from '../../pages';
import { linkProps } from '../../router';
import { formatInstant } from '../../time';
import { stepText, type AnyStep } from '../officer/timeline';
import { QrCode } from '../head/qr-code';
import { evidenceBundleUrl, hexOf, useCustodyChain } from './custody-data';
import { useOversightT } from './oversight-messages';

// A4 with 15 mm margins, in Chinese fonts: it looks on screen as it prints.
export const PRINT_CSS = `
@page { size: A4; margin: 15mm; }
.custos-report { width: 210mm; min-height: 297mm; box-sizing: border-box; padding: 15mm; margin: 0 auto; background: #fff; color: #000;
  font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 10.5pt; line-height: 1.6; }
.custos-report h1 { text-align: center; font-size: 18pt; margin: 0 0 2mm; }
.custos-report h2 { font-size: 12pt; margin: 6mm 0 2mm; }
.custos-report table { width: 100%; border-collapse: collapse; }
.custos-report th, .custos-report td { border: 1px solid #000; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
.custos-report th { white-space: nowrap; }
.custos-report .mono { font-family: "Noto Sans Mono CJK SC", monospace; font-size: 7.5pt; word-break: break-all; white-space: pre-wrap; }
@media print { .custos-no-print { display: none !important; } main[data-print-ready] { padding: 0 !important; background: #fff !important; }
  .custos-report { padding: 0; width: auto; min-height: auto; } }
`;

/**
 * The chain-of-custody report of one package as an A4 document in Chinese (issue 18): the
 * steps with times, persons and organs, the package hash, the ledger entries with their leaf
 * hashes (inclusion proofs verified in this browser), the signed checkpoint, and a QR code to
 * the evidence bundle, so a court can verify it offline. `data-print-ready` tells the gateway's
 * PDF renderer it is complete (`data-print-failed` with the API's status otherwise).
 */
export default function CustodyReportPage({ params }: PageProps) {
  const t = useOversightT();
  const id = params.evidenceItemId;
  const { item, timeline, ledger, steps, names } = useCustodyChain(id);
  const failed = item.error ?? timeline.error ?? ledger.error;
  if (failed) return <main data-print-failed={(failed as { status?: number }).status ?? 500}>{failed.message}</main>;
  if (!item.data || !timeline.data || !ledger.data) return <main aria-busy="true">…</main>;
  const data = item.data;
  const proof = ledger.data;
  return (
    <main data-print-ready="true" style={{ background: '#f0f0f0', padding: '16px 0', minHeight: '100vh' }}>
      <style>{PRINT_CSS}</style>
      <div className="custos-no-print" style={{ maxWidth: '210mm', margin: '0 auto 8px' }}>
        <a {...linkProps(`/oversight/evidence/${encodeURIComponent(id)}`)}>{t('report.back')}</a>
      </div>
      <article className="custos-report" aria-label={t('report.title')}>
        <h1>{t('report.title')}</h1>
        <div style={{ textAlign: 'center' }}>{t('report.generated', { at: formatInstant(new Date().toISOString()) })}</div>
        <h2>{t('evidence.item')}</h2>
        <table>
          <tbody>
            <tr><th scope="row">{t('evidence.col.document')}</th><td data-testid="report-document">{data.approvalDocumentNumber}</td></tr>
            <tr><th scope="row">{t('evidence.item')}</th><td>{data.evidenceItemId}</td></tr>
            <tr><th scope="row">{t('evidence.request')}</th><td>{data.requestId}</td></tr>
            <tr><th scope="row">{t('evidence.col.owner')}</th><td>{names(data.ownerOrganisationId) ?? data.ownerOrganisationId}</td></tr>
            <tr><th scope="row">{t('evidence.col.holder')}</th><td>{names(data.holderOrganisationId) ?? data.holderOrganisationId}</td></tr>
            <tr><th scope="row">{t('evidence.window')}</th><td>{formatInstant(data.window.from)} – {formatInstant(data.window.to)}</td></tr>
            <tr><th scope="row">{t('evidence.hash')}</th><td className="mono">{data.packageSha256}</td></tr>
          </tbody>
        </table>
        <h2>{t('evidence.steps')}</h2>
        <table>
          <thead>
            <tr><th scope="col">{t('evidence.col.time')}</th><th scope="col">{t('evidence.col.step')}</th></tr>
          </thead>
          <tbody>
            {steps.map((s, k) => (
              <tr key={k}>
                <td style={{ whiteSpace: 'nowrap' }}>{formatInstant(s.at)}</td>
                <td>{stepText(s as AnyStep, names)}{s.code ? ` [${s.code}]` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t('evidence.ledger')}</h2>
        <table>
          <thead>
            <tr><th scope="col">{t('explorer.aggregate.col.index')}</th><th scope="col">{t('explorer.aggregate.col.type')}</th><th scope="col">{t('report.leaf')}</th><th scope="col">{t('explorer.aggregate.col.proof')}</th></tr>
          </thead>
          <tbody>
            {proof.entries.map((e) => (
              <tr key={e.leafIndex}>
                <td>{e.leafIndex}</td>
                <td>{e.type}</td>
                <td className="mono">{hexOf(e.leafHash)}</td>
                <td>{t(e.proven ? 'explorer.aggregate.proof.ok' : 'explorer.aggregate.proof.bad')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t('report.checkpoint')}</h2>
        <div>{t('report.checkpoint.size', { size: proof.treeSize, root: proof.rootHash })}</div>
        <div style={{ marginTop: '2mm' }}>{t('report.signature')}</div>
        <div className="mono" data-testid="report-checkpoint">{proof.checkpoint}</div>
        <div style={{ display: 'flex', gap: '6mm', alignItems: 'center', marginTop: '6mm' }}>
          <QrCode text={evidenceBundleUrl(id)} label={t('report.qr')} size={120} />
          <div>
            <div>{t('report.qr')}</div>
            <div className="mono">{evidenceBundleUrl(id)}</div>
            <div style={{ marginTop: '2mm' }}>{t('report.verified')}</div>
          </div>
        </div>
      </article>
    </main>
  );
}
