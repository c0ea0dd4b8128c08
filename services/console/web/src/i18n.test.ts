import { describe, expect, it } from 'vitest';
import { getLocale, MESSAGES, setLocale, t } from './i18n';

describe('i18n', () => {
  it('speaks Chinese by default and English after the switch', () => {
    expect(getLocale()).toBe('zh-CN');
    expect(t('signIn.title')).toBe('登录');
    setLocale('en');
    expect(t('signIn.title')).toBe('Sign in');
    expect(localStorage.getItem('custos.locale')).toBe('en');
    setLocale('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('home.welcome', { name: '李警官' })).toBe('欢迎，李警官');
    expect(t('home.welcome', {}, 'en')).toBe('Welcome, {name}');
  });

  it('has every key in both languages, none empty', () => {
    const zh = Object.keys(MESSAGES['zh-CN']).sort();
    expect(Object.keys(MESSAGES.en).sort()).toEqual(zh);
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const [key, text] of Object.entries(MESSAGES[locale])) expect([key, text.trim().length > 0]).toEqual([key, true]);
    }
  });
});
