import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ConfigProblem, ConfigValidationError } from './config-validation.error';
import { settingsOf } from './setting.decorator';

/**
 * Typed, validated configuration from environment variables. Only the variables the class
 * declares with `@Setting` are read; a variable that is absent keeps the class's default
 * (the embedded mode's value). Every problem is reported at once.
 */
export function loadConfig<T extends object>(configClass: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const settings = settingsOf(configClass);
  const given: Record<string, string> = {};
  for (const { name } of settings) {
    const value = env[name];
    if (value !== undefined) given[name] = value;
  }
  const config = plainToInstance(configClass, given);
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const secret = new Set(settings.filter((s) => s.secret).map((s) => s.name));
    const problems: ConfigProblem[] = errors.map((e) => ({
      variable: e.property,
      given: secret.has(e.property) ? '(hidden)' : JSON.stringify(given[e.property] ?? e.value),
      reasons: Object.values(e.constraints ?? {}),
    }));
    throw new ConfigValidationError(configClass.name, problems);
  }
  return Object.freeze(config);
}
