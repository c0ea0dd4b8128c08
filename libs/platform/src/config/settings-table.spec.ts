import { IsBoolean, IsIn } from 'class-validator';
import { CommonConfig } from './common.config';
import { ConfigValidationError } from './config-validation.error';
import { renderConfigTable } from './config-table';
import { loadConfig } from './load-config';
import { serviceSettings } from './service-config';
import { IntSetting } from './setting-decorators';
import { Setting, settingsOf } from './setting.decorator';
import { settingRow, textRow, withSettings } from './settings-table';

const TABLE = {
  WIDGET_DIR: textRow('/var/widgets', 'Folder of the widgets'),
  WIDGET_KEY: textRow('', 'Key of the widgets', { secret: true }),
  WIDGET_LIMIT: settingRow(5, IntSetting('Most widgets at once', { min: 1, max: 9 })),
  WIDGET_MODE: settingRow<'fast' | 'slow'>('fast', Setting({ description: 'How widgets run' }), IsIn(['fast', 'slow'])),
  WIDGET_ON: settingRow(true, Setting({ description: 'Widgets at all' }), IsBoolean()),
};

class WidgetConfig extends withSettings(serviceSettings('storage', CommonConfig), TABLE) {
  @Setting({ description: 'Declared as a property, after the table' })
  @IsBoolean()
  WIDGET_AFTER: boolean = false;
}

function refused(env: NodeJS.ProcessEnv): ConfigValidationError['problems'] {
  try {
    loadConfig(WidgetConfig, env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  return [];
}

describe('a table of settings (withSettings) and a service\'s own defaults (serviceSettings)', () => {
  it("defaults each row to its value, and the port and database to the service's embedded ones", () => {
    expect(loadConfig(WidgetConfig, {})).toMatchObject({
      PORT: 3005,
      DATABASE_URL: 'postgres://postgres:custos@127.0.0.1:5433/custos_storage',
      WIDGET_DIR: '/var/widgets',
      WIDGET_LIMIT: 5,
      WIDGET_MODE: 'fast',
      WIDGET_ON: true,
      WIDGET_AFTER: false,
    });
  });

  it('reads rows from the environment converted to their type, as properties are', () => {
    expect(loadConfig(WidgetConfig, { WIDGET_LIMIT: '9', WIDGET_ON: 'no', WIDGET_MODE: 'slow', WIDGET_DIR: '/srv/w' })).toMatchObject({
      WIDGET_LIMIT: 9,
      WIDGET_ON: false,
      WIDGET_MODE: 'slow',
      WIDGET_DIR: '/srv/w',
    });
  });

  it("refuses what a row's validators refuse, and hides a secret row's value", () => {
    expect(refused({ WIDGET_LIMIT: '10', WIDGET_MODE: 'medium', WIDGET_ON: 'maybe' }).map((p) => p.variable).sort()).toEqual([
      'WIDGET_LIMIT',
      'WIDGET_MODE',
      'WIDGET_ON',
    ]);
    expect(settingsOf(WidgetConfig).find((s) => s.name === 'WIDGET_KEY')).toMatchObject({ secret: true, kind: 'string' });
  });

  it("lists the rows after the base's settings and before the class's own, in the table's order", () => {
    const names = settingsOf(WidgetConfig).map((s) => s.name);
    expect(names.slice(-6)).toEqual(['WIDGET_DIR', 'WIDGET_KEY', 'WIDGET_LIMIT', 'WIDGET_MODE', 'WIDGET_ON', 'WIDGET_AFTER']);
    expect(names.indexOf('PORT')).toBeLessThan(names.indexOf('WIDGET_DIR'));
    const table = renderConfigTable([{ title: 'widgets', configClass: WidgetConfig }]);
    expect(table).toContain('| `WIDGET_LIMIT` | `5` | Most widgets at once |');
    expect(table).toContain('| `PORT` | ');
  });
});
