/** DI tokens of the auth module (the recorder's token sits beside its port). */
export const AUTH_CONFIG = Symbol('AUTH_CONFIG');
/**
 * The passport strategy name of one AuthModule instance. Passport keeps strategies in one
 * process-wide registry; in the embedded mode several services share a process, so a fixed
 * name ('jwt') would let the last service started verify every other service's tokens.
 */
export const AUTH_STRATEGY_NAME = Symbol('AUTH_STRATEGY_NAME');
