import { useSyncExternalStore } from 'react';

/**
 * The console's strings, Chinese first. Add a key to BOTH dictionaries (the `Messages` type
 * makes a missing English string a type error); call `t('key')` or `t('key', { n: 3 })`.
 */
export type Locale = 'zh-CN' | 'en';

const zhCN = {
  'app.title': 'Custos 视频调阅控制台',
  'app.language': 'English',
  'signIn.title': '登录',
  'signIn.intro': '选择一名登记在册的人员登录（内置模式，开发签发方）。',
  'signIn.oidc': '通过统一身份认证登录',
  'signIn.as': '登录',
  'signIn.name': '姓名',
  'signIn.organisation': '单位',
  'signIn.roles': '角色',
  'signIn.credential': '执法证号',
  'signIn.failed': '登录失败：{reason}',
  'signIn.search': '按姓名或单位搜索',
  'signIn.byUsername': '按用户名登录',
  'signIn.username': '用户名或人员编号',
  'signIn.shown': '共 {total} 人，显示 {shown} 人',
  'signOut': '退出登录',
  'home.title': '工作台',
  'home.welcome': '欢迎，{name}',
  'home.organisation': '所属单位：{organisation}',
  'home.timeZone': '时间均按 {zone} 显示',
  'home.signedInUntil': '登录有效至',
  'menu.home': '工作台',
  'menu.officer': '民警',
  'menu.head': '审批负责人',
  'menu.head.queue': '审批队列',
  'menu.head.escalations': '逾期上报',
  'menu.head.case': '审批案件',
  'menu.head.document': '批准文件',
  'menu.head.verify': '批准文件核验',
  'menu.operator': '系统所有方',
  'menu.oversight': '监督',
  'menu.officer.file': '提出申请',
  'menu.officer.coSign': '待我会签',
  'menu.officer.requests': '我的申请',
  'menu.officer.request': '申请详情',
  'menu.officer.viewing': '查看视频',
  'menu.officer.handOver': '交接与接收',
  'menu.oversight.verify': '在浏览器中核验',
  'menu.oversight.ledger': '账本浏览',
  'menu.oversight.evidence': '证据保管链',
  'menu.oversight.anomalies': '异常情况',
  'menu.oversight.reports': '监督报告',
  'menu.oversight.sites': '应建未建场所',
  'menu.oversight.changes': '设施变更报告',
  'menu.oversight.signage': '标识记录',
  'menu.oversight.refusals': '拒绝记录',
  'menu.owner.queue': '待办调阅',
  'menu.owner.verify': '核验批准文件',
  'menu.owner.export': '导出视频资料',
  'menu.owner.handOver': '交接',
  'menu.owner.register': '调阅登记簿',
  'menu.owner.viewing': '查看会话',
  'menu.owner.systems': '图像系统与摄像机',
  'menu.owner.upload': '上传原始录像',
  'role.OFFICER': '民警',
  'role.APPROVER': '审批负责人',
  'role.OWNER_OPERATOR': '系统所有方操作员',
  'role.OVERSIGHT': '监督机构',
  'role.REGISTRY_ADMIN': '登记管理员',
  'role.OPERATOR': '运维',
  'role.SERVICE': '服务',
  'notFound': '页面不存在',
  'loading': '加载中…',
  'error.generic': '出错了：{reason}',
  'rulePack.basis': '依据：{packs}',
  'rulePack.SX2012': '陕西省办法(2012)',
  'rulePack.SX2012.full': '《陕西省公共安全视频图像信息系统管理办法》(2012)',
  'rulePack.CN2025': '全国条例(2025)',
  'rulePack.CN2025.full': '《公共安全视频图像信息系统管理条例》(2025)',
  // The inbox (issue 18, "Everyone"): on the home page and as menu badges.
  'inbox.title': '待办',
  'inbox.coSign': '待我会签的申请',
  'inbox.approval': '待我审批的案件',
  'inbox.fulfilment': '待本单位办理的申请',
  'inbox.escalated': '上报本机关、仍未履行的逾期调阅',
  'inbox.receipt': '待我接收的证据包',
  'inbox.count': '{n} 件',
  'inbox.none': '暂无待办',
  'list.more': '加载更多',
};

export type MessageKey = keyof typeof zhCN;
type Messages = Record<MessageKey, string>;

const en: Messages = {
  'app.title': 'Custos footage access console',
  'app.language': '中文',
  'signIn.title': 'Sign in',
  'signIn.intro': 'Choose a registered person to sign in as (embedded mode, development issuer).',
  'signIn.oidc': 'Sign in with the identity provider',
  'signIn.as': 'Sign in',
  'signIn.name': 'Name',
  'signIn.organisation': 'Organisation',
  'signIn.roles': 'Roles',
  'signIn.credential': 'Credential',
  'signIn.failed': 'Sign-in failed: {reason}',
  'signIn.search': 'Search by name or organisation',
  'signIn.byUsername': 'Sign in by username',
  'signIn.username': 'Username or person id',
  'signIn.shown': '{shown} of {total} people shown',
  'signOut': 'Sign out',
  'home.title': 'Home',
  'home.welcome': 'Welcome, {name}',
  'home.organisation': 'Organisation: {organisation}',
  'home.timeZone': 'All times are shown in {zone}',
  'home.signedInUntil': 'Signed in until',
  'menu.home': 'Home',
  'menu.officer': 'Officer',
  'menu.head': 'Approving head',
  'menu.head.queue': 'Approval queue',
  'menu.head.escalations': 'Escalated requests',
  'menu.head.case': 'Approval case',
  'menu.head.document': 'Approval document',
  'menu.head.verify': 'Verify an approval document',
  'menu.operator': 'System owner',
  'menu.oversight': 'Oversight',
  'menu.officer.file': 'File a request',
  'menu.officer.coSign': 'Awaiting my co-signature',
  'menu.officer.requests': 'My requests',
  'menu.officer.request': 'Request',
  'menu.officer.viewing': 'Viewing',
  'menu.officer.handOver': 'Hand-over and receipt',
  'menu.oversight.verify': 'Verify in the browser',
  'menu.oversight.ledger': 'Ledger explorer',
  'menu.oversight.evidence': 'Chain of custody',
  'menu.oversight.anomalies': 'Anomalies',
  'menu.oversight.reports': 'Oversight reports',
  'menu.oversight.sites': 'Sites without a system',
  'menu.oversight.changes': 'Change reports',
  'menu.oversight.signage': 'Signage history',
  'menu.oversight.refusals': 'Refusals',
  'menu.owner.queue': 'Requests to fulfil',
  'menu.owner.verify': 'Verify an approval document',
  'menu.owner.export': 'Export footage',
  'menu.owner.handOver': 'Hand-over',
  'menu.owner.register': 'Access register',
  'menu.owner.viewing': 'Viewing sessions',
  'menu.owner.systems': 'Image systems and cameras',
  'menu.owner.upload': 'Upload original footage',
  'role.OFFICER': 'Officer',
  'role.APPROVER': 'Approving head',
  'role.OWNER_OPERATOR': "Owner's operator",
  'role.OVERSIGHT': 'Oversight body',
  'role.REGISTRY_ADMIN': 'Registry administrator',
  'role.OPERATOR': 'Platform operator',
  'role.SERVICE': 'Service',
  'notFound': 'No such page',
  'loading': 'Loading…',
  'error.generic': 'Something went wrong: {reason}',
  'rulePack.basis': 'Under: {packs}',
  'rulePack.SX2012': 'Shaanxi measures (2012)',
  'rulePack.SX2012.full': 'Shaanxi Measures on the Administration of Public Security Video Image Information Systems (2012)',
  'rulePack.CN2025': 'National regulation (2025)',
  'rulePack.CN2025.full': 'Regulation on the Administration of Public Security Video Image Information Systems (2025)',
  'inbox.title': 'Inbox',
  'inbox.coSign': 'Requests awaiting my co-signature',
  'inbox.approval': 'Cases awaiting my approval',
  'inbox.fulfilment': "Requests awaiting my organisation's fulfilment",
  'inbox.escalated': 'Overdue requests escalated to my organ, still unfulfilled',
  'inbox.receipt': 'Packages awaiting my receipt',
  'inbox.count': '{n}',
  'inbox.none': 'Nothing waiting',
  'list.more': 'Load more',
};

export const MESSAGES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

const STORAGE_KEY = 'custos.locale';
let current: Locale = readStoredLocale();
const listeners = new Set<() => void>();

function readStoredLocale(): Locale {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  if (locale === current) return;
  current = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  if (globalThis.document) globalThis.document.documentElement.lang = locale;
  listeners.forEach((l) => l());
}

/** Translates a key in the current locale; `{name}` placeholders are filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>, locale: Locale = current): string {
  return translate(MESSAGES, key, params, locale);
}

/** The dictionaries of the console or of one group of its pages, one per language, with the same keys. */
export type Dictionaries<K extends string> = Record<Locale, Record<K, string>>;

/**
 * A group of pages' dictionaries from its two JSON files (`<group>-messages.zh-CN.json` and
 * `.en.json`): the English one must have exactly the Chinese keys, a missing or an extra key
 * being a type error.
 */
export function pageDictionaries<Z extends Record<string, string>, E extends Record<keyof Z, string>>(
  zh: Z,
  en: E & Record<Exclude<keyof E, keyof Z>, never>,
): Dictionaries<keyof Z & string> {
  return { 'zh-CN': zh, en };
}

/** A group of pages' translator: one of its keys, its `{name}` placeholders filled from `params`. */
export type Translator<K extends string> = (key: K, params?: Record<string, string | number>) => string;

/**
 * The text of `key` in `locale`, its `{name}` placeholders filled from `params` (an unknown one
 * stays visible); the key itself when the dictionary has none (a key built from data).
 */
export function translate<K extends string>(dictionaries: Dictionaries<K>, key: K, params?: Record<string, string | number>, locale: Locale = current): string {
  const text = dictionaries[locale][key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

/** A page group's translator, re-rendering the calling component when the language changes. */
export function useTranslator<K extends string>(dictionaries: Dictionaries<K>): Translator<K> {
  const locale = useLocale();
  return (key, params) => translate(dictionaries, key, params, locale);
}

/** Re-renders the calling component when the language changes. */
export function useLocale(): Locale {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

/** Marks the two languages write differently: Chinese full-width ones, and 、 between items. */
const MARKS: Record<Locale, { colon: string; list: string; open: string; close: string }> = {
  'zh-CN': { colon: '：', list: '、', open: '（', close: '）' },
  en: { colon: ': ', list: ', ', open: ' (', close: ')' },
};

/** A label before its value: `摄像机：` / `Cameras: `. */
export function labelOf(label: string, locale: Locale = current): string {
  return label + MARKS[locale].colon;
}

/** Items as the language lists them: `甲、乙` / `A, B`. */
export function listOf(items: readonly string[], locale: Locale = current): string {
  return items.join(MARKS[locale].list);
}

/** A text with a note in brackets: `李伟（61011300101）` / `Li Wei (61011300101)`; the text alone without a note. */
export function withNote(text: string, note: string | null | undefined, locale: Locale = current): string {
  return note ? `${text}${MARKS[locale].open}${note}${MARKS[locale].close}` : text;
}

/** A rule pack reference (issue 21) as the APIs carry it: `CN2025+SX2012` is the national text over the provincial one. */
export interface RulePackRef {
  readonly id: string;
  readonly version: string;
}

const KNOWN_PACKS = ['SX2012', 'CN2025'] as const;

/** The texts a pack applies, by name: short (`全国条例(2025)+陕西省办法(2012)`) or full titles; an unknown id shows as itself. */
export function rulePackNames(pack: RulePackRef, full = false): string {
  return pack.id
    .split('+')
    .map((id) => ((KNOWN_PACKS as readonly string[]).includes(id) ? t(`rulePack.${id as 'SX2012'}${full ? '.full' : ''}` as MessageKey) : id))
    .join(full ? '、' : '+');
}

/** "依据：…" for a decision's pack, and its full titles with id and version for a tooltip. */
export function rulePackLabel(pack: RulePackRef): { text: string; title: string } {
  return { text: t('rulePack.basis', { packs: rulePackNames(pack) }), title: `${rulePackNames(pack, true)} · ${pack.id} ${pack.version}` };
}
