import { getLocale, type Locale, pageDictionaries, translate } from '../../i18n';
import en from './owner-messages.en.json';
import zh from './owner-messages.zh-CN.json';

/**
 * The owner's (system operator's) pages' strings, Chinese first, kept beside the pages as the
 * officer pages keep theirs (`owner-messages.zh-CN.json` and `.en.json`, the same keys in both);
 * the same `{name}` placeholders as `t()`.
 */
const MESSAGES = pageDictionaries(zh, en);

export type OwnerKey = keyof typeof zh;

export function owt(key: OwnerKey, params?: Record<string, string | number>, locale: Locale = getLocale()): string {
  return translate(MESSAGES, key, params, locale);
}

/** A message key built from data (a kind, a status, a step): the key itself when unknown. */
export function owtOf(prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return key in zh ? owt(key as OwnerKey) : value;
}
