import type { LoggerService, LogLevel } from '@nestjs/common';
import { isEnabled, LogLevelName } from './log-level';
import { errorForLog, redactForLog } from './log-redaction';
import { currentRequestContext } from './request-context';

export interface JsonLoggerOptions {
  /** The service named in lines written outside any request context. */
  readonly service: string;
  readonly level?: LogLevelName;
  /** Where lines go; stdout unless a test captures them. */
  readonly write?: (line: string) => void;
}

const FROM_NEST: Record<LogLevel, LogLevelName> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'verbose',
};

/** A V8 stack trace, which Nest passes as the first optional parameter of `error`. */
const STACK = /^[^\n]*\n\s+at /;

/**
 * Nest's logger as one JSON object per line, `{ time, level, service, context,
 * correlationId, msg, ...fields }`, so that log shippers need no parsing rules. A message
 * may be an object: `logger.log({ msg: 'export packaged', exportId }, 'Exports')`.
 */
export class JsonLogger implements LoggerService {
  private threshold: LogLevelName;
  private enabled: ReadonlySet<LogLevelName> | undefined;
  private readonly write: (line: string) => void;

  constructor(private readonly options: JsonLoggerOptions) {
    this.threshold = options.level ?? 'info';
    this.write = options.write ?? ((line) => process.stdout.write(line));
  }

  log(message: unknown, ...params: unknown[]): void {
    this.emit('info', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.emit('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.emit('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.emit('verbose', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.emit('fatal', message, params);
  }

  /** Nest calls `error(message, stack?, context?)`; a lone string is a stack only if it looks like one. */
  error(message: unknown, ...params: unknown[]): void {
    let stack: string | undefined;
    if (params.length >= 2 && (typeof params[0] === 'string' || params[0] === undefined)) {
      stack = params.shift() as string | undefined;
    } else if (params.length === 1 && typeof params[0] === 'string' && STACK.test(params[0])) {
      stack = params.shift() as string;
    }
    this.emit('error', message, params, stack);
  }

  /** Nest's `logger` option and `app.useLogger` may narrow the levels after construction. */
  setLogLevels(levels: LogLevel[]): void {
    this.enabled = new Set(levels.map((l) => FROM_NEST[l]));
  }

  setLevel(level: LogLevelName): void {
    this.threshold = level;
    this.enabled = undefined;
  }

  private emit(level: LogLevelName, message: unknown, params: unknown[], stack?: string): void {
    if (this.enabled ? !this.enabled.has(level) : !isEnabled(level, this.threshold)) return;
    const last = params[params.length - 1];
    const context = typeof last === 'string' ? (params.pop() as string) : undefined;
    const request = currentRequestContext();
    const line: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      service: request?.service ?? this.options.service,
      context,
      correlationId: request?.correlationId,
    };
    const fields: Record<string, unknown> = {};
    if (message instanceof Error) {
      line.msg = message.message;
      fields.err = errorForLog(message);
    } else if (message !== null && typeof message === 'object') {
      const { msg, message: text, ...rest } = message as Record<string, unknown>;
      line.msg = msg ?? text ?? '';
      Object.assign(fields, rest);
    } else {
      line.msg = String(message);
    }
    for (const extra of params) {
      if (extra instanceof Error) fields.err = errorForLog(extra);
      else if (extra !== null && typeof extra === 'object') Object.assign(fields, extra);
      else if (extra !== undefined) ((fields.extra ??= []) as unknown[]).push(extra);
    }
    if (stack) fields.stack = stack;
    line.msg = redactForLog(line.msg);
    for (const [key, value] of Object.entries(redactForLog(fields) as object)) {
      if (!(key in line)) line[key] = value;
    }
    this.write(`${safeStringify(line)}\n`);
  }
}

function safeStringify(line: Record<string, unknown>): string {
  try {
    return JSON.stringify(line);
  } catch {
    return JSON.stringify({
      time: line.time,
      level: line.level,
      service: line.service,
      msg: '[unserialisable log line]',
    });
  }
}
