import 'reflect-metadata';
import { Transform } from 'class-transformer';

export type SettingKind = 'string' | 'number' | 'boolean';

export interface SettingOptions {
  /** One line for the README's configuration table. */
  readonly description: string;
  /**
   * Shown in the table instead of the class's default, for a default that each service
   * overrides (a port, a database name).
   */
  readonly defaultText?: string;
  /**
   * How the environment's string is converted. Inferred from the property's type; a union of
   * literals (`'local' | 's3'`) reaches the decorator as `Object` and is read as a string.
   */
  readonly kind?: SettingKind;
  /** Its value is never echoed in a configuration error (the default is in the source anyway). */
  readonly secret?: boolean;
}

export interface SettingMetadata extends Omit<SettingOptions, 'kind'> {
  readonly name: string;
  readonly kind: SettingKind;
}

const settingsByClass = new WeakMap<object, Map<string, SettingMetadata>>();

/**
 * Marks a property of a config class as an environment variable: registers it for
 * `loadConfig` (only declared variables are read from the environment) and for the
 * README table, and converts the environment's string to the property's type.
 */
export function Setting(options: SettingOptions): PropertyDecorator {
  return (target, propertyKey) => {
    const name = String(propertyKey);
    const kind = options.kind ?? kindOf(Reflect.getMetadata('design:type', target, propertyKey));
    const own = settingsByClass.get(target.constructor) ?? new Map<string, SettingMetadata>();
    own.set(name, { ...options, name, kind });
    settingsByClass.set(target.constructor, own);
    Transform(({ value }) => fromEnvironment(value, kind))(target, propertyKey);
  };
}

/** The settings of a config class, its ancestors' first, in declaration order. */
export function settingsOf(configClass: abstract new () => object): SettingMetadata[] {
  const chain: object[] = [];
  for (let c: object | null = configClass; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    chain.unshift(c);
  }
  const merged = new Map<string, SettingMetadata>();
  for (const c of chain) for (const [name, meta] of settingsByClass.get(c) ?? []) merged.set(name, meta);
  return [...merged.values()];
}

function kindOf(designType: unknown): SettingKind {
  if (designType === Number) return 'number';
  if (designType === Boolean) return 'boolean';
  return 'string';
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/**
 * Environment strings to typed values. Anything that does not convert cleanly is passed on
 * unchanged, so that the validators reject it and the message shows what was given
 * (`Number('')` is 0 and `Boolean('false')` is true: neither may slip through).
 */
function fromEnvironment(value: unknown, kind: SettingKind): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (kind === 'number') return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : value;
  if (kind === 'boolean') {
    const word = trimmed.toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  return value;
}
