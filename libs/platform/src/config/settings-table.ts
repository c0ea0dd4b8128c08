import 'reflect-metadata';
import { IsString } from 'class-validator';
import { Setting, SettingOptions } from './setting.decorator';

/** One row of a settings table: the setting's default and how it is declared (`IntSetting`, `Setting` and validators…). */
export interface SettingRow<T> {
  readonly value: T;
  readonly decorators: readonly PropertyDecorator[];
}

/** A row: `value` by default (a string, number or boolean), declared by the decorators a config class's property would carry. */
export function settingRow<T>(value: T, ...decorators: PropertyDecorator[]): SettingRow<T> {
  return { value, decorators };
}

/** A row of free text (a folder, a bucket, a key): `Setting` and `IsString`. */
export function textRow(value: string, description: string, options: Omit<SettingOptions, 'description'> = {}): SettingRow<string> {
  return settingRow(value, Setting({ ...options, description }), IsString());
}

/** The settings a table declares, as the properties of the config class. */
export type SettingsOf<Table> = { [K in keyof Table]: Table[K] extends SettingRow<infer T> ? T : never };

/* eslint-disable @typescript-eslint/no-explicit-any -- a mixin's base constructor (TS2545) */
/**
 * A group of alike settings (thresholds, a store's address and keys) declared as a table, one
 * row a setting, between a config class and its base: `class OversightConfig extends
 * withSettings(CommonConfig, ANOMALY_SETTINGS)`. Each row's decorators are applied as if they
 * stood on a property of the class (with its design type, as the compiler would emit it), so
 * `loadConfig`, the validators and the README's table read the rows as they read properties,
 * in the table's order.
 */
export function withSettings<Base extends new (...args: any[]) => object, Table extends Record<string, SettingRow<unknown>>>(
  base: Base,
  table: Table,
): Base & (new (...args: any[]) => SettingsOf<Table>) {
  class Settings extends base {
    constructor(...args: any[]) {
      super(...args);
      Object.assign(this, Object.fromEntries(Object.entries(table).map(([name, row]) => [name, row.value])));
    }
  }
  for (const [name, row] of Object.entries(table)) {
    Reflect.defineMetadata('design:type', Object(row.value).constructor, Settings.prototype, name);
    for (const decorate of row.decorators) decorate(Settings.prototype, name);
  }
  return Settings as Base & (new (...args: any[]) => SettingsOf<Table>);
}
/* eslint-enable @typescript-eslint/no-explicit-any */
