import type { ApiError } from '../../api/client';
import { getLocale, type Locale, pageDictionaries, translate } from '../../i18n';
import en from './officer-messages.en.json';
import zh from './officer-messages.zh-CN.json';

/**
 * The officer pages' strings, Chinese first, kept beside the pages so that the shell's
 * dictionary stays small (`officer-messages.zh-CN.json` and `.en.json`, the same keys in both);
 * the same `{name}` placeholders as `t()`.
 */
const MESSAGES = pageDictionaries(zh, en);

export type OfficerKey = keyof typeof zh;

export function ot(key: OfficerKey, params?: Record<string, string | number>, locale: Locale = getLocale()): string {
  return translate(MESSAGES, key, params, locale);
}

/**
 * The rule-coded refusals an officer meets, in plain words (R26.1: every refusal carries its
 * reason). An unknown code falls back to the service's own message, still with code and rule.
 */
const REFUSALS: Record<string, { 'zh-CN': string; en: string }> = {
  CUSTOS_R17_1_REQUESTER_NOT_ALLOWED: { 'zh-CN': '只有公安机关、国家安全机关和其他行政部门可以调阅视频资料。', en: 'Only public security, state security and other administrative departments may access footage.' },
  CUSTOS_R17_4_DIRECT_ACCESS_NOT_ALLOWED: { 'zh-CN': '只有公安机关和国家安全机关可以申请直接接入。', en: 'Only public and state security organs may ask for direct access.' },
  CUSTOS_R17_4_GRANT_TOO_LONG: { 'zh-CN': '直接接入期限过长。', en: 'The direct-access period is too long.' },
  CUSTOS_R17_4_GRANT_ALREADY_ENDED: { 'zh-CN': '直接接入期限已经结束。', en: 'The direct-access period has already ended.' },
  CUSTOS_R16_5_UNKNOWN_CAMERA: { 'zh-CN': '登记中没有该摄像机。', en: 'No such camera in the registry.' },
  CUSTOS_R17_1_UNKNOWN_ORGANISATION: { 'zh-CN': '登记中没有您的单位。', en: 'Your organisation is not in the registry.' },
  CUSTOS_R18_1_SECOND_OFFICER_REQUIRED: { 'zh-CN': '至少需要两名执法人员。', en: 'At least two officers are required.' },
  CUSTOS_R18_1_SAME_OFFICER_TWICE: { 'zh-CN': '两名执法人员必须是不同的人，持不同的执法证。', en: 'The two officers must be two different persons with two credentials.' },
  CUSTOS_R18_1_DIFFERENT_ORGAN: { 'zh-CN': '两名执法人员必须同属申请单位。', en: 'Both officers must belong to the requesting organ.' },
  CUSTOS_R18_1_NOT_AWAITING_CO_SIGNATURE: { 'zh-CN': '该申请不在等待会签。', en: 'The request is not awaiting a co-signature.' },
  CUSTOS_R18_1_CO_SIGNATURE_EXPIRED: { 'zh-CN': '会签期限已过。', en: 'The co-signature deadline has passed.' },
  CUSTOS_R18_1_NOT_A_SIGNER: { 'zh-CN': '您不是该申请的签署人。', en: 'You did not sign this request.' },
  CUSTOS_R18_1_NOT_A_CO_SIGNER: { 'zh-CN': '只有申请的两名签署民警可以加入查看。', en: 'Only the two officers who signed the request may join.' },
  CUSTOS_R18_1_VIEWER_OF_ANOTHER_ORGAN: { 'zh-CN': '只有申请单位的民警可以加入查看。', en: 'Only officers of the requesting organ may join.' },
  CUSTOS_R18_1_BOTH_OFFICERS_REQUIRED: { 'zh-CN': '两名民警都加入后才能播放。', en: 'Both officers must join before playback.' },
  CUSTOS_R18_2_QUALIFICATION_INVALID: { 'zh-CN': '执法资格此时无效（过期或被暂停）。', en: 'Your law-enforcement qualification is not valid now.' },
  CUSTOS_R18_2_CREDENTIAL_NOT_SHOWN: { 'zh-CN': '未出示执法证。', en: 'No credential was shown.' },
  CUSTOS_R18_2_CREDENTIAL_MISMATCH: { 'zh-CN': '出示的执法证与登记不符。', en: 'The credential shown is not the registered one.' },
  CUSTOS_R18_2_UNKNOWN_OFFICER: { 'zh-CN': '您不是登记在册的执法人员。', en: 'You are not a registered officer.' },
  CUSTOS_R18_2_NOT_AN_OFFICER_OF_ORGAN: { 'zh-CN': '您不属于该单位。', en: 'You do not belong to that organ.' },
  CUSTOS_R18_3_REQUEST_CLOSED: { 'zh-CN': '该申请已结束。', en: 'The request is closed.' },
  CUSTOS_R18_4_SESSION_CLOSED: { 'zh-CN': '查看会话已结束。', en: 'The viewing session has ended.' },
  CUSTOS_R18_5_REVOKED: { 'zh-CN': '审批文书已被撤销。', en: 'The approval document has been revoked.' },
  CUSTOS_R18_5_EXPIRED: { 'zh-CN': '审批文书已过期。', en: 'The approval document has expired.' },
  CUSTOS_R18_5_NOT_YET_VALID: { 'zh-CN': '审批文书尚未生效。', en: 'The approval document is not yet valid.' },
  CUSTOS_R18_5_SIGNATURE_INVALID: { 'zh-CN': '审批文书签名无效。', en: 'The approval document signature is invalid.' },
  CUSTOS_R18_5_OUT_OF_SCOPE: { 'zh-CN': '审批文书不涵盖所请求的内容。', en: 'The approval document does not cover this.' },
  CUSTOS_R18_5_NOT_THE_AUTHORISED_ORGAN: { 'zh-CN': '审批文书授权的是其他单位。', en: 'The approval document authorises another organ.' },
  CUSTOS_R18_5_INTEGRITY_MISMATCH: { 'zh-CN': '完整性核验不一致。', en: 'Integrity mismatch.' },
  CUSTOS_R18_5_CHALLENGE_USED: { 'zh-CN': '该核验口令已使用，请重新获取。', en: 'That challenge was used; ask for a new one.' },
  CUSTOS_R18_5_CHALLENGE_NOT_YOURS: { 'zh-CN': '该核验口令不属于您。', en: 'That challenge is not yours.' },
  CUSTOS_R18_5_DELIVERY_LINK_USED: { 'zh-CN': '下载链接已使用。', en: 'The download link was used.' },
  CUSTOS_R18_5_NOT_HANDED_OVER: { 'zh-CN': '视频资料尚未交付。', en: 'The package has not been handed over.' },
  CUSTOS_R18_5_HAND_OVER_PENDING: { 'zh-CN': '已有交接在等待确认。', en: 'A hand-over already awaits confirmation.' },
  CUSTOS_R18_1_NO_HAND_OVER_PENDING: { 'zh-CN': '没有等待确认的交接。', en: 'No hand-over awaits confirmation.' },
  CUSTOS_INPUT_WINDOW_EMPTY: { 'zh-CN': '时间段的开始必须早于结束。', en: 'The window must start before it ends.' },
  CUSTOS_INPUT_WINDOW_IN_FUTURE: { 'zh-CN': '不能申请尚未发生时段的录像。', en: 'Footage cannot be asked for a time still to come.' },
  CUSTOS_VALIDATION_FAILED: { 'zh-CN': '填写的内容不完整或格式有误。', en: 'Some fields are missing or malformed.' },
};

/** What a refused call says to the person: plain words, the rule it cites, and the code. */
export interface RefusalShown {
  readonly text: string;
  readonly rule?: string;
  readonly code?: string;
}

export function refusalOf(error: unknown, locale: Locale = getLocale()): RefusalShown {
  const body: ApiError = (error as { api?: ApiError })?.api ?? {};
  const known = body.code ? REFUSALS[body.code] : undefined;
  const fallback = body.detail ?? (error as Error)?.message ?? '';
  const rule = body.rule && body.rule !== 'NONE' ? body.rule : undefined;
  return { text: known ? known[locale] : fallback, ...(rule ? { rule } : {}), ...(body.code ? { code: body.code } : {}) };
}

/** `R18.1` cites article 18. */
export function articleOf(rule: string): string {
  return /^R(\d+)/.exec(rule)?.[1] ?? '?';
}
