import { pageDictionaries, type Translator, useTranslator } from '../../i18n';
import en from './oversight-messages.en.json';
import zh from './oversight-messages.zh-CN.json';

/**
 * The oversight pages' own strings, Chinese first (the shell's dictionary holds only the menu
 * titles), in `oversight-messages.zh-CN.json` and `.en.json`: the same keys in both.
 */
const MESSAGES = pageDictionaries(zh, en);

export type OversightMessageKey = keyof typeof zh;

/** Every key, in the dictionary's order. */
export const OVERSIGHT_MESSAGE_KEYS = Object.keys(zh) as OversightMessageKey[];

export type OversightT = Translator<OversightMessageKey>;

/** The oversight pages' translator, re-rendering when the language changes. */
export function useOversightT(): OversightT {
  return useTranslator(MESSAGES);
}
