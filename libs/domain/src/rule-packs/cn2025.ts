import { ApprovalEntry, ApproverSpec, RequestPermission, RulePack } from './rule-pack';

/**
 * The settings that decide what the known text of the national regulation leaves open, each
 * named and documented (docs/REGULATION.md, "CN2025: unsettled points"). The defaults are
 * Custos's choices, not the text's words.
 */
export interface Cn2025Policy {
  /**
   * `CN2025_COPY_APPROVER`: whose head approves a copy or retrieval under the national text,
   * which (as known) names who may use footage but no approval. Default
   * `REQUESTING_ORGAN_HEAD`: each organ answers for its own use, as R17.2 does for state
   * security — a court's or a procuratorate's copy is not put under a police head.
   */
  readonly copyApprover: ApproverSpec;
  /** `CN2025_MINIMUM_OFFICERS`: officers at each act; the text, as known, gives no number. Default 2. */
  readonly minimumOfficers: number;
  /** `CN2025_FEES_FORBIDDEN`: "units and persons co-operate" read as no fee. Default true. */
  readonly feesForbidden: boolean;
}

export const DEFAULT_CN2025_POLICY: Cn2025Policy = Object.freeze({
  copyApprover: 'REQUESTING_ORGAN_HEAD',
  minimumOfficers: 2,
  feesForbidden: true,
});

const FOOTAGE_USERS: readonly RequestPermission[] = [
  { type: 'JUDICIAL', rule: 'CN2025-USE', purpose: 'judicial work (司法工作需要)' },
  { type: 'PUBLIC_SECURITY', rule: 'CN2025-USE', purpose: 'administrative law enforcement (行政执法需要)' },
  { type: 'STATE_SECURITY', rule: 'CN2025-USE', purpose: 'administrative law enforcement (行政执法需要)' },
  {
    type: 'EMERGENCY_ADMIN',
    rule: 'CN2025-USE',
    minLevel: 'COUNTY',
    purpose: 'investigating and handling emergencies (调查处理突发事件需要)',
  },
];

const USE_TEXT =
  '行使侦查、起诉、审判职权的机关因司法工作需要，公安机关、国家安全机关因行政执法需要，或者县级以上人民政府行政部门因调查处理突发事件需要，可以查阅、复制、调取公共安全视频图像信息系统的基础信息或者采集的视频图像信息，有关单位或者个人应当予以配合。';

/** Where the pack's text comes from and how sure it is, rule by rule. */
function cn2025Source(): RulePack['source'] {
  return {
    title: 'Regulation on the Administration of Public Security Video Image Information Systems',
    titleZh: '公共安全视频图像信息系统管理条例',
    issuingBody: 'State Council of the People\'s Republic of China',
    order: 'State Council Order No. 799',
    adopted: '2024-12-16',
    published: '2025-01-13',
    inForce: '2025-04-01',
    basis:
      'third-party reposts of the text and summaries (see docs/REGULATION.md, "CN2025: sources"); to be re-read against the official text before relied on',
    rules: {
      'CN2025-SCOPE': { article: null, certainty: 'THIRD_PARTY_REPOST' },
      'CN2025-CONTROL': {
        article: null,
        textZh: '公共安全视频图像信息系统的用户应当采取授权管理、访问控制等措施……建立信息保存和使用管理制度',
        certainty: 'THIRD_PARTY_REPOST',
      },
      'CN2025-RETAIN': {
        article: null,
        textZh: '采集的视频图像信息应当至少保存30日，法律、行政法规或者相关标准对超过30日有规定的，从其规定。',
        certainty: 'THIRD_PARTY_REPOST',
      },
      'CN2025-USE': { article: null, textZh: USE_TEXT, certainty: 'THIRD_PARTY_REPOST' },
      'CN2025-PUBLISH': {
        article: null,
        textZh: '视频图像信息用于公共传播时，除法律另有规定外，应当对当事人个人特征、机动车号牌等隐私信息采取保护措施。',
        certainty: 'THIRD_PARTY_REPOST',
      },
      'CN2025-VENDOR': {
        article: null,
        textZh: '国家机关及其工作人员……不得指定或者变相指定公共安全视频图像信息系统的设计、建设、维护单位和设备的品牌、销售单位。',
        certainty: 'THIRD_PARTY_REPOST',
      },
    },
  };
}

/** The points the known text leaves open, each with the setting that decides it here. */
function cn2025Unsettled(policy: Cn2025Policy): RulePack['unsettled'] {
  return [
    {
      setting: 'CN2025_COPY_APPROVER',
      question: "who approves a copy or retrieval (e.g. a judicial organ's copy): the known text names no approver",
      default: policy.copyApprover,
    },
    {
      setting: 'CN2025_MINIMUM_OFFICERS',
      question: 'how many officers act, and what they show: the known text gives no number',
      default: String(policy.minimumOfficers),
    },
    { setting: 'CN2025_FEES_FORBIDDEN', question: 'whether an owner may charge: the text says units co-operate', default: String(policy.feesForbidden) },
    {
      setting: 'RULE_PACK_PROVINCIAL_USERS',
      question: 'whether the list of users is exhaustive, so that provincial users beyond it (other administrative departments, direct access) fall',
      default: 'not exhaustive: provincial users stand (composition)',
    },
  ];
}

/**
 * The national regulation (公共安全视频图像信息系统管理条例, State Council Order No. 799), as
 * far as its text is known here: third-party reposts, not the official gazette, so every
 * source is THIRD_PARTY_REPOST and no article number is cited until checked (rule IDs are
 * named by topic: `CN2025-USE`, …). Built from a policy for the points the text leaves open.
 */
export function cn2025Pack(policy: Cn2025Policy = DEFAULT_CN2025_POLICY): RulePack {
  const route: ApprovalEntry = { rule: 'CN2025-USE', approver: policy.copyApprover };
  const copyRoutes = { JUDICIAL: route, PUBLIC_SECURITY: route, STATE_SECURITY: route, EMERGENCY_ADMIN: route };
  return Object.freeze({
    id: 'CN2025',
    version: '1.0.0',
    rank: 'ADMINISTRATIVE_REGULATION',
    territory: [''],
    validFrom: '2025-04-01T00:00:00+08:00',
    validTo: null,
    source: cn2025Source(),
    mayRequest: {
      rule: 'CN2025-USE',
      // Direct access is not in the known text: no organ may connect under CN2025 alone.
      value: { VIEW: FOOTAGE_USERS, COPY: FOOTAGE_USERS, RETRIEVE: FOOTAGE_USERS, DIRECT_ACCESS: [] },
    },
    refusalCodes: {
      requesterNotAllowed: 'CUSTOS_CN2025_USE_REQUESTER_NOT_ALLOWED',
      directAccessNotAllowed: 'CUSTOS_CN2025_USE_DIRECT_ACCESS_NOT_ALLOWED',
    },
    approval: { rule: 'CN2025-USE', value: { COPY: copyRoutes, RETRIEVE: copyRoutes, DIRECT_ACCESS: {} } },
    officers: {
      rule: 'CN2025-USE',
      value: { minimum: policy.minimumOfficers, credentialShown: true, registration: true, approvalDocumentShown: true },
    },
    retention: { rule: 'CN2025-RETAIN', value: { floorDays: 30, refusalCode: 'CUSTOS_CN2025_RETAIN_TOO_SHORT' } },
    fees: policy.feesForbidden
      ? { rule: 'CN2025-USE', value: { forbidden: true, refusalCode: 'CUSTOS_CN2025_USE_FEE_FORBIDDEN' } }
      : null,
    publicDissemination: {
      rule: 'CN2025-PUBLISH',
      value: {
        masked: ['FACE', 'PERSONAL_FEATURES', 'LICENCE_PLATE', 'OTHER_PRIVATE_INFORMATION'],
        refusalCode: 'CUSTOS_CN2025_PUBLISH_NOT_MASKED',
      },
    },
    vendorNeutral: { rule: 'CN2025-VENDOR', value: true },
    unsettled: cn2025Unsettled(policy),
  } satisfies RulePack);
}

export const CN2025_PACK: RulePack = cn2025Pack();
