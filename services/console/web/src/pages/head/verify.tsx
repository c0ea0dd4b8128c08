import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Result, Spin } from 'antd';
import { api, unwrap } from '../../api/client';
import type { PageProps } from '../../pages';
import { formatInstant } from '../../time';
import { KindTag, nameOf } from './labels';
import { type HeadMessageKey, useHeadT } from './messages';
import { parseApprovalQr, VERIFICATION_RESULT_STATUS } from './qr-payload';

/**
 * The public check of a printed approval document, opened by scanning its QR code on any
 * device, signed in or not (R18.5): valid, revoked, expired, not yet valid, or tampered.
 */
export default function VerifyPage(_: PageProps) {
  const t = useHeadT();
  const payload = parseApprovalQr(window.location.search);
  const check = useQuery({
    queryKey: ['verify', window.location.search],
    enabled: payload !== undefined,
    retry: false,
    queryFn: async () =>
      unwrap(
        await api.approvals.GET('/approval-documents/verification', {
          params: {
            query: {
              d: payload!.documentId,
              n: payload!.number,
              s: new URLSearchParams(window.location.search).get('s')!,
            },
          },
        }),
      ),
  });
  const status = payload === undefined ? 'TAMPERED' : check.data?.status;
  return (
    <main style={{ maxWidth: 720, margin: '0 auto', padding: 16 }}>
      <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('verify.title')}</h1>}>
        {check.isLoading ? <Spin aria-label={t('verify.title')} /> : null}
        {check.error ? <Alert type="error" title={t('verify.failed', { reason: check.error.message })} /> : null}
        {status ? (
          <Result
            status={VERIFICATION_RESULT_STATUS[status]}
            title={<span data-testid="verification-status">{t(`verify.${status}` as HeadMessageKey)}</span>}
            subTitle={t(`verify.${status}.sub` as HeadMessageKey, {
              at: check.data?.revokedAt ? formatInstant(check.data.revokedAt) : '',
            })}
          />
        ) : null}
        {check.data?.document ? (
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('doc.number')}>{check.data.document.number}</Descriptions.Item>
            <Descriptions.Item label={t('queue.col.kind')}>
              <KindTag kind={check.data.document.kind} t={t} />
            </Descriptions.Item>
            <Descriptions.Item label={t('doc.issuer')}>
              {nameOf(check.data.document.issuingOrganisation)}
            </Descriptions.Item>
            <Descriptions.Item label={t('doc.requester')}>
              {nameOf(check.data.document.requestingOrganisation)}
            </Descriptions.Item>
            <Descriptions.Item label={t('doc.validity')}>
              {t('doc.validityRange', {
                from: formatInstant(check.data.document.validFrom),
                to: formatInstant(check.data.document.validUntil),
              })}
            </Descriptions.Item>
          </Descriptions>
        ) : null}
        {check.data ? (
          <p style={{ marginTop: 12, color: '#595959' }}>
            {t('verify.checkedAt', { at: formatInstant(check.data.checkedAt) })}
          </p>
        ) : null}
      </Card>
    </main>
  );
}
