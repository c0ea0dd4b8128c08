import { pageDictionaries, type Translator, useTranslator } from '../../i18n';
import en from './supervision-messages.en.json';
import zh from './supervision-messages.zh-CN.json';

/**
 * Strings of the supervision pages (mandatory sites R7.1/R7.2, change reports R15.1, signage
 * R11.1), Chinese first, in `supervision-messages.zh-CN.json` and `.en.json`: the same keys in both.
 */
const MESSAGES = pageDictionaries(zh, en);

export type SupervisionMessageKey = keyof typeof zh;

export type SupervisionT = Translator<SupervisionMessageKey>;

/** The supervision pages' translator, re-rendering when the language changes. */
export function useSupervisionT(): SupervisionT {
  return useTranslator(MESSAGES);
}
