import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Result } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/approvals';
import { useLocale } from '../../i18n';
import type { PageProps } from '../../pages';
import { linkProps } from '../../router';
import { formatInstant } from '../../time';
import {
  approvalQrQuery,
  parseApprovalQr,
  type ApprovalQrPayload,
  VERIFICATION_RESULT_STATUS,
} from '../head/qr-payload';
import { RefusalAlert } from '../officer/officer-ui';
import { owt, owtOf } from './owner-messages';
import { signedDocumentOf, useFulfilmentQueue, type FulfilmentItem } from './owner-ui';
import { PageTitle } from '../../page-title';

const NUMBER = /^\s*(\d{6,12}-\d{3}-\d{4}-\d{6})\s*$/;

/**
 * What was presented, as the QR payload to check: the scanned or pasted QR content as is, or
 * a document number, taken from the request waiting for me that carries it (its signed
 * document gives the id and signature the issuer checks). A string that is neither: undefined.
 */
export function presentedPayload(
  input: string,
  queue: readonly FulfilmentItem[],
): ApprovalQrPayload | { unknownNumber: string } | undefined {
  const number = NUMBER.exec(input)?.[1];
  if (number) {
    const signed = queue.map(signedDocumentOf).find((d) => d?.document.number === number);
    return signed
      ? { documentId: signed.document.documentId, number, signature: signed.signature }
      : { unknownNumber: number };
  }
  return parseApprovalQr(input.trim());
}

type Verification = components['schemas']['DocumentVerificationDto'];

/** The issuer's answer: valid, revoked, expired, not yet valid or tampered, and when. */
function VerificationResult({ result }: { result: Verification }) {
  return (
    <Result
      status={VERIFICATION_RESULT_STATUS[result.status]}
      title={
        <span data-verification={result.status}>
          {owt('verify.result', { status: owtOf('verify', result.status) })}
        </span>
      }
      subTitle={
        result.revokedAt
          ? owt('verify.revokedAt', { at: formatInstant(result.revokedAt) })
          : owt('verify.checkedAt', { at: formatInstant(result.checkedAt) })
      }
    />
  );
}

/** The document the presented QR holds, as the issuer has it. */
function VerifiedDocument({ doc }: { doc: NonNullable<Verification['document']> }) {
  return (
    <Descriptions column={1} bordered size="small">
      <Descriptions.Item label={owt('doc.number')}>{doc.number}</Descriptions.Item>
      <Descriptions.Item label={owt('doc.kind')}>{owtOf('kind', doc.kind)}</Descriptions.Item>
      <Descriptions.Item label={owt('doc.issuer')}>
        {doc.issuingOrganisation.name ?? owt('common.unknown')}
      </Descriptions.Item>
      <Descriptions.Item label={owt('doc.requester')}>
        {doc.requestingOrganisation.name ?? owt('common.unknown')}
      </Descriptions.Item>
      <Descriptions.Item label={owt('doc.validity')}>
        {owt('doc.validityRange', { from: formatInstant(doc.validFrom), to: formatInstant(doc.validUntil) })}
      </Descriptions.Item>
    </Descriptions>
  );
}

/**
 * Verifying the approval document an officer presents (R18.5): the QR content (scanned or
 * pasted) or the document number, checked by the issuer's public verification: valid, revoked,
 * expired, not yet valid or tampered, with the document it holds.
 */
export default function VerifyDocumentPage(_: PageProps) {
  useLocale();
  const queue = useFulfilmentQueue();
  const [input, setInput] = useState(() => new URLSearchParams(window.location.search).get('n') ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const check = useMutation({
    mutationFn: async (payload: ApprovalQrPayload) => {
      const q = new URLSearchParams(approvalQrQuery(payload));
      return unwrap(
        await api.approvals.GET('/approval-documents/verification', {
          params: { query: { d: q.get('d')!, n: q.get('n')!, s: q.get('s')! } },
        }),
      );
    },
  });
  const submit = () => {
    const payload = presentedPayload(input, queue.data ?? []);
    check.reset();
    if (!payload) return setProblem(owt('verify.unreadable'));
    if ('unknownNumber' in payload) return setProblem(owt('verify.unknownNumber', { number: payload.unknownNumber }));
    setProblem(null);
    check.mutate(payload);
  };
  const result = check.data;
  const doc = result?.document;
  const requestId = doc
    ? (queue.data ?? []).find((i) => i.decision?.documentNumber === doc.number)?.requestId
    : undefined;
  return (
    <Card>
      <PageTitle>{owt('verify.title')}</PageTitle>
      <Form layout="vertical" onFinish={submit}>
        <Form.Item label={owt('verify.input')} htmlFor="presented" extra={owt('verify.help')}>
          <Input.TextArea id="presented" rows={2} value={input} onChange={(e) => setInput(e.target.value)} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={check.isPending || queue.isLoading}>
          {owt('verify.submit')}
        </Button>
      </Form>
      {problem ? <Alert style={{ marginTop: 16 }} type="warning" showIcon role="alert" title={problem} /> : null}
      {check.error ? <RefusalAlert error={check.error} title={owt('verify.TAMPERED')} /> : null}
      {result ? <VerificationResult result={result} /> : null}
      {doc ? <VerifiedDocument doc={doc} /> : null}
      {requestId ? (
        <p style={{ marginTop: 12 }}>
          <a {...linkProps(`/documents/${requestId}`)}>{owt('doc.open')}</a>
          {result?.status === 'VALID' ? (
            <a style={{ marginLeft: 16 }} {...linkProps(`/owner/export/${requestId}`)}>
              {owt('queue.export')}
            </a>
          ) : null}
        </p>
      ) : null}
    </Card>
  );
}
