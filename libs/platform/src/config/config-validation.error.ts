/** One environment variable that failed validation. */
export interface ConfigProblem {
  readonly variable: string;
  /** The value as given, or `(hidden)` for a secret. */
  readonly given: string;
  readonly reasons: string[];
}

/** Thrown by `loadConfig`; its message lists every bad variable, so one start shows them all. */
export class ConfigValidationError extends Error {
  constructor(
    readonly configName: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      `Invalid configuration (${configName}): ${problems.length} bad environment variable(s)\n` +
        problems.map((p) => `  - ${p.variable}=${p.given}: ${p.reasons.join('; ')}`).join('\n'),
    );
    this.name = 'ConfigValidationError';
  }
}
