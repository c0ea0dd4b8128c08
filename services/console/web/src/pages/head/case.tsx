import { useMutation, useQuery, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import { api, unwrap, type ApiError } from '../../api/client';
import type { PageProps } from '../../pages';
import { linkProps, navigate } from '../../router';
import { formatInstant } from '../../time';
import { HeadTheme, KindTag, nameOf, Route, Signers, windowText } from './labels';
import { type HeadMessageKey, type HeadT, useHeadT, waited } from './messages';
import { listOf, withNote } from '../../i18n';

/** The rules a denial may rest on (R26.1): the articles a head weighs when refusing footage. */
const DENIAL_RULES = ['R17.1', 'R17.2', 'R17.3', 'R17.4', 'R18.1', 'R18.2', 'R18.4', 'R18.5', 'R3.1'] as const;

type Refusal = Error & { api?: ApiError };
type DenialRule = (typeof DENIAL_RULES)[number];

function RefusalAlert({ error, t }: { error: Refusal | null; t: HeadT }) {
  if (!error) return null;
  const message = error.api?.detail ?? error.message;
  return <Alert type="error" showIcon title={t('case.refused', { reason: message, code: error.api?.code ?? '' })} />;
}

type ApprovalCaseView = NonNullable<Awaited<ReturnType<typeof fetchCase>>>;
type CasePath = { params: { path: { requestId: string } } };

const fetchCase = async (path: CasePath) => unwrap(await api.approvals.GET('/approval-cases/{requestId}', path));

/** After a decision: the case, the queue and its counts are fetched again. */
function useCaseDecided(requestId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['approval-case', requestId] });
    await queryClient.invalidateQueries({ queryKey: ['approval-queue'] });
    await queryClient.invalidateQueries({ queryKey: ['approval-queue-counts'] });
  };
}

/** What was asked, by whom, routed why, and how long it has waited. */
function CaseFacts({ c, t }: { c: ApprovalCaseView; t: HeadT }) {
  const d = c.decision;
  return (
    <Card>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('case.status')}>
          <Tag>{t(`status.${c.status}` as HeadMessageKey)}</Tag>
          {d?.revokedAt ? <Tag color="red">{t('doc.revokedStamp')}</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('queue.col.kind')}>
          <KindTag kind={c.kind} t={t} />
        </Descriptions.Item>
        <Descriptions.Item label={t('queue.col.organ')}>{nameOf(c.requestingOrganisation)}</Descriptions.Item>
        <Descriptions.Item label={t('queue.col.signers')}>
          <Signers item={c} t={t} />
        </Descriptions.Item>
        <Descriptions.Item label={t('queue.col.cameras')}>{listOf(c.cameras.map(nameOf))}</Descriptions.Item>
        <Descriptions.Item label={t('queue.col.window')}>{windowText(c.window)}</Descriptions.Item>
        <Descriptions.Item label={t('case.caseReference')}>{c.caseReference}</Descriptions.Item>
        <Descriptions.Item label={t('case.purpose')}>{c.purpose}</Descriptions.Item>
        <Descriptions.Item label={t('queue.col.route')}>
          <Route item={c} t={t} />
        </Descriptions.Item>
        <Descriptions.Item label={t('queue.col.openedAt')}>
          {withNote(formatInstant(c.openedAt), `${t('queue.col.waiting')} ${waited(t, c.ageMs)}`)}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** An open case: approve it, or deny it with a reason and the rule it rests on (R17.2–R17.4, R26.1). */
function DecideCard({ path, requestId, t }: { path: CasePath; requestId: string; t: HeadT }) {
  const approve = useDecision<void>(requestId, t('status.APPROVED'), async () =>
    unwrap(await api.approvals.POST('/approval-cases/{requestId}/approve', { ...path, body: {} })),
  );
  const deny = useDecision<{ reason: string; rule: DenialRule; legalBasis?: string }>(requestId, t('status.DENIED'), async (body) =>
    unwrap(
      await api.approvals.POST('/approval-cases/{requestId}/deny', {
        ...path,
        body: { ...body, legalBasis: body.legalBasis?.trim() || undefined },
      }),
    ),
  );
  return (
    <Card title={t('case.approve') + ' / ' + t('case.deny')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Popconfirm title={t('case.approveConfirm')} onConfirm={() => approve.mutate()} okText={t('case.approve')}>
          <Button type="primary" loading={approve.isPending}>
            {t('case.approve')}
          </Button>
        </Popconfirm>
        <RefusalAlert error={approve.error} t={t} />
        <ReasonedDecision decision={deny} label={t('case.deny')} t={t}>
          <ReasonField label={t('case.reason')} rows={3} t={t} />
          <Form.Item name="rule" label={t('case.rule')} rules={[{ required: true, message: t('case.ruleRequired') }]}>
            <Select options={DENIAL_RULES.map((r) => ({ value: r, label: r }))} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="legalBasis" label={t('case.legalBasis')}>
            <Input maxLength={500} placeholder={t('case.legalBasisHint')} />
          </Form.Item>
        </ReasonedDecision>
      </Space>
    </Card>
  );
}

/** A decision on the case sent to approvals: announced once accepted, then the case and the queue read again. */
function useDecision<Body>(requestId: string, accepted: string, send: (body: Body) => Promise<unknown>) {
  const { message } = App.useApp();
  const done = useCaseDecided(requestId);
  return useMutation<unknown, Refusal, Body>({
    mutationFn: send,
    onSuccess: async () => {
      message.success(accepted);
      await done();
    },
  });
}

/** A decision that rests on a reason (a denial, a revocation): its fields, the button that sends it, and its refusal. */
function ReasonedDecision<Body>({ decision, label, t, children }: { decision: UseMutationResult<unknown, Refusal, Body>; label: string; t: HeadT; children: ReactNode }) {
  return (
    <>
      <Form layout="vertical" onFinish={(v: Body) => decision.mutate(v)} style={{ maxWidth: 640 }}>
        {children}
        <Button danger htmlType="submit" loading={decision.isPending}>
          {label}
        </Button>
      </Form>
      <RefusalAlert error={decision.error} t={t} />
    </>
  );
}

/** The reason a head gives for a denial or a revocation: required, not blank (R18.5 keeps it with the decision). */
function ReasonField({ label, rows, t }: { label: string; rows: number; t: HeadT }) {
  return (
    <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, message: t('case.reasonRequired') }]}>
      <Input.TextArea rows={rows} maxLength={2000} />
    </Form.Item>
  );
}

/** An approved case: its document, and its revocation with a reason (R18.5). */
function ApprovedCard({ c, path, requestId, t }: { c: ApprovalCaseView; path: CasePath; requestId: string; t: HeadT }) {
  const revoke = useDecision<{ reason: string }>(requestId, t('doc.revokedStamp'), async (body) =>
    unwrap(await api.approvals.POST('/approval-cases/{requestId}/revoke', { ...path, body })),
  );
  const d = c.decision!;
  return (
    <Card>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="success" title={t('case.approved', { number: d.documentNumber ?? '' })} />
        <Button onClick={() => navigate(`/documents/${requestId}`)}>{t('case.document')}</Button>
        {d.revokedAt ? (
          <Alert
            type="warning"
            title={t('case.revoked', { at: formatInstant(d.revokedAt), reason: d.revocationReason ?? '' })}
          />
        ) : (
          <ReasonedDecision decision={revoke} label={t('case.revoke')} t={t}>
            <ReasonField label={t('case.revokeReason')} rows={2} t={t} />
          </ReasonedDecision>
        )}
      </Space>
    </Card>
  );
}

/** One case: what was asked, by whom, routed why; approve, deny with reason and rule, or revoke its document (R17.2–R17.4, R18.5, R26.1). */
export default function ApprovalCasePage({ params }: PageProps) {
  const t = useHeadT();
  const requestId = params.requestId;
  const path = { params: { path: { requestId } } };
  const item = useQuery({
    queryKey: ['approval-case', requestId],
    queryFn: () => fetchCase(path),
  });

  if (item.isLoading) return <Spin aria-label={t('case.title')} />;
  if (item.error || !item.data)
    return <Alert type="error" title={t('case.refused', { reason: item.error?.message ?? '', code: '' })} />;
  const c = item.data;
  const d = c.decision;

  return (
    <HeadTheme>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('case.title')} · {c.caseReference}
        </Typography.Title>
        <Typography.Link {...linkProps('/head/queue')}>{t('case.back')}</Typography.Link>
        <CaseFacts c={c} t={t} />
        {c.status === 'OPEN' ? <DecideCard path={path} requestId={requestId} t={t} /> : null}
        {c.status === 'APPROVED' && d ? <ApprovedCard c={c} path={path} requestId={requestId} t={t} /> : null}
        {c.status === 'DENIED' && d ? (
          <Alert type="warning" title={t('case.denied', { reason: d.reason ?? '' })} />
        ) : null}
      </Space>
    </HeadTheme>
  );
}
