import { pageDictionaries, type Translator, useTranslator } from '../../i18n';
import en from './messages.en.json';
import zh from './messages.zh-CN.json';

/**
 * The head's pages' own strings, Chinese first (the shell's dictionary holds only the menu
 * titles), in `messages.zh-CN.json` and `messages.en.json`: the same keys in both.
 */
const MESSAGES = pageDictionaries(zh, en);

export type HeadMessageKey = keyof typeof zh;

export type HeadT = Translator<HeadMessageKey>;

/** The head pages' translator, re-rendering when the language changes. */
export function useHeadT(): HeadT {
  return useTranslator(MESSAGES);
}

/** "3 天" / "5 小时" / "12 分钟": how long a case has waited, in its largest unit. */
export function waited(t: HeadT, ageMs: number): string {
  const minutes = Math.max(0, Math.floor(ageMs / 60_000));
  if (minutes >= 1440) return t('waited.days', { n: Math.floor(minutes / 1440) });
  if (minutes >= 60) return t('waited.hours', { n: Math.floor(minutes / 60) });
  return t('waited.minutes', { n: minutes });
}
