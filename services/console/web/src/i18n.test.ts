import { describe, expect, it } from 'vitest';
import { getLocale, labelOf, listOf, MESSAGES, rulePackLabel, rulePackNames, setLocale, t, withNote } from './i18n';
import { withRulePacks } from './pages/officer/timeline';

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

  it('writes labels, lists and bracketed notes with the marks of each language', () => {
    expect([labelOf('摄像机'), listOf(['甲', '乙']), withNote('李伟', '61011300101'), withNote('李伟', null)]).toEqual(['摄像机：', '甲、乙', '李伟（61011300101）', '李伟']);
    setLocale('en');
    expect([labelOf('Cameras'), listOf(['A', 'B']), withNote('Li Wei', '61011300101'), withNote('Li Wei', '')]).toEqual(['Cameras: ', 'A, B', 'Li Wei (61011300101)', 'Li Wei']);
    setLocale('zh-CN');
  });

  it('has every key in both languages, none empty', () => {
    const zh = Object.keys(MESSAGES['zh-CN']).sort();
    expect(Object.keys(MESSAGES.en).sort()).toEqual(zh);
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const [key, text] of Object.entries(MESSAGES[locale])) expect([key, text.trim().length > 0]).toEqual([key, true]);
    }
  });

  it("has every key of each group of pages' dictionaries in both languages, none empty", () => {
    const files = import.meta.glob<Record<string, string>>('./pages/**/*messages.*.json', { eager: true, import: 'default' });
    const groups = Object.keys(files).filter((f) => f.endsWith('.zh-CN.json'));
    expect(groups.length).toBe(5);
    for (const zhFile of groups) {
      const [zh, en] = [files[zhFile], files[zhFile.replace('.zh-CN.json', '.en.json')]];
      expect([zhFile, Object.keys(en ?? {})]).toEqual([zhFile, Object.keys(zh)]);
      for (const [key, text] of [...Object.entries(zh), ...Object.entries(en)]) expect([zhFile, key, text.trim().length > 0]).toEqual([zhFile, key, true]);
    }
  });

  it('names a rule pack by its texts, a composed one by both, an unknown id as itself (issue 21)', () => {
    expect(rulePackLabel({ id: 'SX2012', version: '1.0.0' })).toEqual({
      text: '依据：陕西省办法(2012)',
      title: '《陕西省公共安全视频图像信息系统管理办法》(2012) · SX2012 1.0.0',
    });
    expect(rulePackLabel({ id: 'CN2025+SX2012', version: '1.0.0+1.0.0' }).text).toBe('依据：全国条例(2025)+陕西省办法(2012)');
    expect(rulePackNames({ id: 'CN2025+XX2030', version: '1' }, true)).toBe('《公共安全视频图像信息系统管理条例》(2025)、XX2030');
    setLocale('en');
    expect(rulePackLabel({ id: 'CN2025', version: '1.0.0' }).text).toBe('Under: National regulation (2025)');
    setLocale('zh-CN');
  });

  it("puts a history entry's rule pack on the timeline step of the same kind and instant only", () => {
    const pack = { id: 'CN2025+SX2012', version: '1.0.0+1.0.0' };
    const steps = [
      { step: 'FILED', at: '2026-12-04T01:00:00.000Z' },
      { step: 'APPROVED', at: '2026-12-04T02:00:00Z' },
      { step: 'HANDED_OVER', at: '2026-12-04T02:00:00Z' },
    ];
    const history = [{ status: 'APPROVED', at: '2026-12-04T02:00:00.000Z', rulePack: pack }, { status: 'FILED', at: '2026-12-04T01:00:00.000Z' }];
    expect(withRulePacks(steps, history).map((s) => s.rulePack)).toEqual([undefined, pack, undefined]);
  });
});
