import { RulePack } from './rule-pack';

const LAW_ENFORCEMENT = 'law enforcement (执法工作需要)';
const FOOTAGE_USERS = [
  { type: 'PUBLIC_SECURITY', rule: 'R17.1', purpose: LAW_ENFORCEMENT },
  { type: 'STATE_SECURITY', rule: 'R17.1', purpose: LAW_ENFORCEMENT },
  { type: 'OTHER_ADMIN', rule: 'R17.1', purpose: LAW_ENFORCEMENT },
] as const;
const COPY_ROUTES = {
  STATE_SECURITY: { rule: 'R17.2', approver: 'REQUESTING_ORGAN_HEAD' },
  PUBLIC_SECURITY: { rule: 'R17.3', approver: 'COUNTY_PSB_HEAD' },
  OTHER_ADMIN: { rule: 'R17.3', approver: 'COUNTY_PSB_HEAD' },
} as const;

/**
 * The Shaanxi measures (陕西省公共安全图像信息系统管理办法, provincial government order No. 151,
 * revised 2012-02-22): what Custos enforced alone before issue 21, now as data. Rule IDs are the
 * bare `R<article>.<n>` of REGULATION.md, aliases of `SX2012-R<article>.<n>`.
 *
 * Beside the national regulation (composition, `composeRulePacks`): every entry it shares with
 * the national text is CONSISTENT (same 30-day floor, the same organs of public and state
 * security); its approvals, two officers and fee ban are STRICTER (the national text, as known,
 * says nothing of them), so they stand in Shaanxi after 2025-04-01.
 */
export const SX2012_PACK: RulePack = Object.freeze({
  id: 'SX2012',
  version: '1.0.0',
  rank: 'PROVINCIAL_GOVERNMENT_RULE',
  territory: ['61'],
  // The encoded text is the 2012 revision; an act before it is governed by neither pack here.
  validFrom: '2012-02-22T00:00:00+08:00',
  validTo: null,
  source: {
    title: 'Shaanxi Province Measures for the Administration of Public Security Image Information Systems',
    titleZh: '陕西省公共安全图像信息系统管理办法',
    issuingBody: 'Shaanxi Provincial People\'s Government',
    order: 'provincial government order No. 151 (2011), revised 2012-02-22',
    published: '2011-06-16',
    inForce: '2011-08-01',
    basis: 'seed/000_fa3d4b54869f88ab.txt (the Chinese text), rendered rule by rule in REGULATION.md',
    rules: {
      'R16.6': { article: '16(6)', certainty: 'OFFICIAL_TEXT' },
      'R16.7': { article: '16(7)', textZh: '信息资料的存储期不少于30日；法律、法规另有规定的，从其规定。', certainty: 'OFFICIAL_TEXT' },
      'R17.1': { article: '17 ¶1', certainty: 'OFFICIAL_TEXT' },
      'R17.2': { article: '17 ¶1', certainty: 'OFFICIAL_TEXT' },
      'R17.3': { article: '17 ¶1', textZh: '公安机关和其他行政管理部门应当经县级以上公安机关负责人批准。', certainty: 'OFFICIAL_TEXT' },
      'R17.4': { article: '17 ¶2', certainty: 'OFFICIAL_TEXT' },
      'R17.5': { article: '17 ¶3', certainty: 'OFFICIAL_TEXT' },
      'R18.1': { article: '18 ¶1(1)', textZh: '执法人员不少于2人', certainty: 'OFFICIAL_TEXT' },
      'R18.2': { article: '18 ¶1(2)', textZh: '具备执法资格，出示执法证件', certainty: 'OFFICIAL_TEXT' },
      'R18.3': { article: '18 ¶1(3)', certainty: 'OFFICIAL_TEXT' },
      'R18.5': { article: '18 ¶2', certainty: 'OFFICIAL_TEXT' },
    },
  },
  mayRequest: {
    rule: 'R17.1',
    relation: 'CONSISTENT',
    value: {
      VIEW: FOOTAGE_USERS,
      COPY: FOOTAGE_USERS,
      RETRIEVE: FOOTAGE_USERS,
      DIRECT_ACCESS: [
        { type: 'PUBLIC_SECURITY', rule: 'R17.4', purpose: 'national security, public security and public order' },
        { type: 'STATE_SECURITY', rule: 'R17.4', purpose: 'national security, public security and public order' },
      ],
    },
  },
  refusalCodes: {
    requesterNotAllowed: 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED',
    directAccessNotAllowed: 'CUSTOS_R17_4_DIRECT_ACCESS_NOT_ALLOWED',
  },
  approval: {
    rule: 'R17.2',
    relation: 'STRICTER',
    value: {
      COPY: COPY_ROUTES,
      RETRIEVE: COPY_ROUTES,
      DIRECT_ACCESS: {
        PUBLIC_SECURITY: { rule: 'R17.4', approver: 'COUNTY_HEAD_OF_OWN_TYPE' },
        STATE_SECURITY: { rule: 'R17.4', approver: 'COUNTY_HEAD_OF_OWN_TYPE' },
      },
    },
  },
  officers: {
    rule: 'R18.1',
    relation: 'STRICTER',
    value: { minimum: 2, credentialShown: true, registration: true, approvalDocumentShown: true },
  },
  retention: { rule: 'R16.7', relation: 'CONSISTENT', value: { floorDays: 30, refusalCode: 'CUSTOS_R16_7_RETENTION_TOO_SHORT' } },
  fees: { rule: 'R17.5', relation: 'STRICTER', value: { forbidden: true, refusalCode: 'CUSTOS_R17_5_FEE_FORBIDDEN' } },
  publicDissemination: null,
  vendorNeutral: null,
  // Settled by Custos as documented policies since issues 12-13 (docs/REGULATION.md).
  unsettled: [
    {
      setting: 'POLICY_R17_3_TERRITORIAL_COMPETENCE',
      question: "where the approving PSB's jurisdiction must lie (R17.3, R17.4 name the organ, not the place)",
      default: "covers the requesting unit or every system's place",
    },
    { setting: 'OFFICERS_OF_ONE_ORGAN', question: 'whether both officers belong to the requesting organ (R18.1)', default: 'true' },
    { setting: 'VIEWING_ONLY_SIGNERS', question: 'whether only the two signers act on the request (R18.1)', default: 'true' },
  ],
} satisfies RulePack);
