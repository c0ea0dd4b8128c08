/** Log levels from the most to the least severe; LOG_LEVEL keeps a level and all above it. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

export function isEnabled(level: LogLevelName, threshold: LogLevelName): boolean {
  return LOG_LEVELS.indexOf(level) <= LOG_LEVELS.indexOf(threshold);
}
