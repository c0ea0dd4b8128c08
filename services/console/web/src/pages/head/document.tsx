import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { components } from '../../api/approvals';
import { api, unwrap } from '../../api/client';
import type { PageProps } from '../../pages';
import { getSession } from '../../session';
import { labelOf, rulePackNames, withNote } from '../../i18n';
import { formatInstant } from '../../time';
import { nameOf } from './labels';
import { type HeadMessageKey, type HeadT, useHeadT } from './messages';
import { QrCode } from './qr-code';

type Printable = components['schemas']['PrintableApprovalDocumentDto'];

// A4 at 96 dpi with 18 mm margins: the page looks on screen as it prints.
const PRINT_CSS = `
@page { size: A4; margin: 18mm; }
.custos-a4 { width: 210mm; min-height: 297mm; box-sizing: border-box; padding: 18mm; margin: 0 auto; background: #fff; color: #000;
  font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Songti SC", serif; font-size: 12pt; line-height: 1.7; position: relative; }
.custos-a4 h1 { text-align: center; font-size: 20pt; letter-spacing: 2pt; margin: 0 0 4mm; }
.custos-a4 .number { text-align: center; margin-bottom: 8mm; }
.custos-a4 table { width: 100%; border-collapse: collapse; }
.custos-a4 th, .custos-a4 td { border: 1px solid #000; padding: 2mm 3mm; vertical-align: top; text-align: left; }
.custos-a4 th { width: 30mm; font-weight: bold; white-space: nowrap; }
.custos-a4 .foot { display: flex; justify-content: space-between; align-items: flex-end; margin-top: 10mm; gap: 8mm; }
.custos-a4 .sig { font-family: "Noto Sans Mono CJK SC", monospace; font-size: 7.5pt; word-break: break-all; }
.custos-a4 .stamp { position: absolute; top: 90mm; left: 0; right: 0; text-align: center; font-size: 64pt; color: rgba(200,0,0,.35);
  transform: rotate(-20deg); font-weight: bold; pointer-events: none; }
@media print { .custos-no-print { display: none !important; } body { background: #fff; }
  main[data-print-ready] { padding: 0 !important; min-height: 0 !important; background: #fff !important; } .custos-a4 { padding: 0; width: auto; min-height: auto; } }
`;

/** The document's terms: requester, officers, case, purpose, cameras, window, validity and rule pack. */
function DocumentTerms({ p, t }: { p: Printable; t: HeadT }) {
  const doc = p.signedDocument.document;
  const officer = (o: Printable['filedBy']) =>
    `${nameOf(o)}（${o.credentialNumber ? t('credential', { n: o.credentialNumber }) : t('noCredential')}）`;
  return (
    <table>
      <tbody>
        <tr>
          <th scope="row">{t('doc.requester')}</th>
          <td>{nameOf(p.requestingOrganisation)}</td>
        </tr>
        <tr>
          <th scope="row">{t('doc.officers')}</th>
          <td>
            {officer(p.filedBy)}
            <br />
            {officer(p.coSignedBy)}
          </td>
        </tr>
        <tr>
          <th scope="row">{t('doc.caseReference')}</th>
          <td>{doc.caseReference}</td>
        </tr>
        <tr>
          <th scope="row">{t('doc.purpose')}</th>
          <td>{doc.purpose}</td>
        </tr>
        <tr>
          <th scope="row">{t('doc.cameras')}</th>
          <td>{p.cameras.map(nameOf).join('；')}</td>
        </tr>
        <tr>
          <th scope="row">{t('doc.window')}</th>
          <td>
            {t('doc.validityRange', {
              from: formatInstant(doc.scope.window.from, 'YYYY年MM月DD日 HH:mm'),
              to: formatInstant(doc.scope.window.to, 'YYYY年MM月DD日 HH:mm'),
            })}
          </td>
        </tr>
        <tr>
          <th scope="row">{t('doc.validity')}</th>
          <td>
            {t('doc.validityRange', {
              from: formatInstant(doc.validFrom, 'YYYY年MM月DD日 HH:mm'),
              to: formatInstant(doc.validUntil, 'YYYY年MM月DD日 HH:mm'),
            })}
          </td>
        </tr>
        {doc.rulePack ? (
          <tr>
            <th scope="row">{t('doc.rulePack')}</th>
            <td data-rule-pack={doc.rulePack.id}>
              {rulePackNames(doc.rulePack, true)}（{doc.rulePack.id} {doc.rulePack.version}）
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

/** The signer, the issue time, the signature and key, and the QR code that checks them. */
function DocumentFoot({ p, t }: { p: Printable; t: HeadT }) {
  const doc = p.signedDocument.document;
  const url = `${window.location.origin}/verify?${p.qrQuery}`;
  return (
    <div className="foot">
      <div style={{ flex: 1 }}>
        <div>
          {labelOf(t('doc.signer'))}
          {withNote(nameOf(p.signer), nameOf(p.issuingOrganisation))}
        </div>
        <div>
          {labelOf(t('doc.issuedAt'))}
          {formatInstant(doc.issuedAt, 'YYYY年MM月DD日 HH:mm')}
        </div>
        <div style={{ marginTop: '3mm' }}>{labelOf(t('doc.signature'))}</div>
        <div className="sig">{p.signedDocument.signature}</div>
        <div className="sig">
          {labelOf(t('doc.keyId'))}
          {p.signedDocument.keyId}
        </div>
      </div>
      <figure style={{ margin: 0, textAlign: 'center', width: '40mm' }}>
        <QrCode text={url} label={t('doc.qr', { number: doc.number })} size={150} />
        <figcaption style={{ fontSize: '8pt' }}>{t('doc.scan')}</figcaption>
      </figure>
    </div>
  );
}

function DocumentPaper({ p }: { p: Printable }) {
  const t = useHeadT();
  const doc = p.signedDocument.document;
  return (
    <article className="custos-a4" aria-label={t('doc.title', { kind: t(`kind.${doc.kind}` as HeadMessageKey) })}>
      {p.status === 'REVOKED' ? (
        <div className="stamp" data-testid="revoked-stamp">
          {t('doc.revokedStamp')}
        </div>
      ) : null}
      <div style={{ textAlign: 'center', fontSize: '14pt' }}>{nameOf(p.issuingOrganisation)}</div>
      <h1>{t('doc.title', { kind: t(`kind.${doc.kind}` as HeadMessageKey) })}</h1>
      <div className="number">
        {labelOf(t('doc.number'))}
        <strong data-testid="document-number">{doc.number}</strong>
      </div>
      <DocumentTerms p={p} t={t} />
      <p>{t('doc.basis')}</p>
      <DocumentFoot p={p} t={t} />
    </article>
  );
}

/** Downloads the gateway's Chromium rendering of this very page (a link cannot carry the bearer token). */
async function downloadPdf(requestId: string, number: string): Promise<void> {
  const session = getSession();
  const res = await fetch(`/pdf/approval-documents/${encodeURIComponent(requestId)}`, {
    headers: session ? { Authorization: `Bearer ${session.accessToken}` } : {},
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `${number}.pdf`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The approval document as a printable A4 page in Chinese (R18.5), with the QR code that opens
 * its public verification. The page marks itself `data-print-ready` once its data and QR code
 * are drawn (or `data-print-failed` with the status), which the PDF renderer waits for.
 */
export default function ApprovalDocumentPage({ params }: PageProps) {
  const t = useHeadT();
  const requestId = params.requestId;
  const [pdfError, setPdfError] = useState<string | null>(null);
  const [pdfBusy, setPdfBusy] = useState(false);
  const printable = useQuery({
    queryKey: ['approval-document', requestId],
    queryFn: async () =>
      unwrap(
        await api.approvals.GET('/approval-cases/{requestId}/document/printable', { params: { path: { requestId } } }),
      ),
    retry: false,
  });
  // The approvals service names officers only; a head's name comes from the registry's directory.
  const signerId = printable.data?.signer.name === null ? printable.data.signer.personId : undefined;
  const signerName = useQuery({
    queryKey: ['directory-name', signerId],
    enabled: signerId !== undefined,
    queryFn: async () => unwrap(await api.registry.GET('/directory/names', { params: { query: { id: [signerId!] } } })).items[0]?.name ?? null,
    retry: false,
  });
  const number = printable.data?.signedDocument.document.number;
  useEffect(() => {
    // The title names the document: the browser's tab, its print header and Chromium's PDF (/Title) carry it.
    if (number) document.title = `${number} ${t('doc.titleShort')}`;
  }, [number, t]);
  if (printable.isLoading || (signerId !== undefined && signerName.isLoading)) return <Spin aria-label={t('case.document')} />;
  if (printable.error || !printable.data) {
    const status = (printable.error as { status?: number } | null)?.status ?? 500;
    return (
      <main data-print-failed={status}>
        <Alert type="error" title={t('case.refused', { reason: printable.error?.message ?? '', code: '' })} />
      </main>
    );
  }
  const p = signerName.data ? { ...printable.data, signer: { ...printable.data.signer, name: signerName.data } } : printable.data;
  return (
    <main data-print-ready="true" style={{ background: '#f0f0f0', padding: '16px 0', minHeight: '100vh' }}>
      <style>{PRINT_CSS}</style>
      <Space className="custos-no-print" style={{ display: 'flex', justifyContent: 'center', marginBottom: 16 }}>
        <Button onClick={() => window.history.back()}>{t('doc.back')}</Button>
        <Button onClick={() => window.print()}>{t('doc.print')}</Button>
        <Button
          type="primary"
          loading={pdfBusy}
          onClick={() => {
            setPdfBusy(true);
            setPdfError(null);
            downloadPdf(requestId, p.signedDocument.document.number)
              .catch((e: Error) => setPdfError(e.message))
              .finally(() => setPdfBusy(false));
          }}
        >
          {t('doc.pdf')}
        </Button>
      </Space>
      {pdfError ? (
        <Alert className="custos-no-print" type="error" title={t('doc.pdfFailed', { reason: pdfError })} />
      ) : null}
      <DocumentPaper p={p} />
    </main>
  );
}
