import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommonConfig } from '../config/common.config';
import { ConfigValidationError } from '../config/config-validation.error';
import { JsonLogger } from '../logging/json.logger';
import { runWithRequestContext } from '../logging/request-context';
import { configureApp } from './configure-app';
import { listenOnManagementPort } from './management-port';

export interface BootstrapOptions {
  /** `registry`, `requests`, ... */
  readonly name: string;
  readonly config: CommonConfig;
  /** One logger for several applications in one process (the embedded mode). */
  readonly logger?: JsonLogger;
  /**
   * Close on SIGTERM/SIGINT. Off when a launcher owns the process and closes its
   * applications itself, in its own order (the embedded mode stops Postgres last).
   */
  readonly shutdownHooks?: boolean;
}

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Creates, configures and starts one service: JSON logs, correlation ids, validation, error
 * bodies, OpenAPI at `/docs`, graceful shutdown, listening on `PORT`. In the embedded mode it
 * listens on the loopback interface only: a developer's demo must not be reachable from the
 * network.
 */
export function bootstrapService(
  module: Type<unknown> | DynamicModule,
  options: BootstrapOptions,
): Promise<INestApplication> {
  // Everything the application starts (its start-up lines, the timers its modules set) runs
  // in a context naming the service: in the embedded mode six services share one logger.
  return runWithRequestContext({ service: options.name }, () => start(module, options));
}

async function start(module: Type<unknown> | DynamicModule, options: BootstrapOptions): Promise<INestApplication> {
  const { name, config } = options;
  const logger = options.logger ?? new JsonLogger({ service: name, level: config.LOG_LEVEL });
  // abortOnError off: a failed start must throw to the caller (the embedded launcher runs six
  // applications in one process), not abort the process with a core dump.
  const app = await NestFactory.create(module, { logger, abortOnError: false });
  configureApp(app, { service: name, logger });
  if (options.shutdownHooks !== false) {
    app.enableShutdownHooks([...SHUTDOWN_SIGNALS]);
    for (const signal of SHUTDOWN_SIGNALS)
      process.once(signal, () => forceExitAfter(config.SHUTDOWN_TIMEOUT_MS, logger));
  }
  const host = config.EMBEDDED_MODE ? '127.0.0.1' : '0.0.0.0';
  await app.listen(config.PORT, host);
  await listenOnManagementPort(app, config.MANAGEMENT_PORT, host);
  logger.log({ msg: 'listening', port: config.PORT, managementPort: config.MANAGEMENT_PORT, eventBus: config.EVENT_BUS }, 'Bootstrap');
  return app;
}

/** Graceful shutdown has a deadline: a hung connection must not keep a pod terminating forever. */
function forceExitAfter(timeoutMs: number, logger: JsonLogger): void {
  setTimeout(() => {
    logger.error({ msg: 'shutdown took too long; exiting', timeoutMs }, undefined, 'Bootstrap');
    process.exit(1);
  }, timeoutMs).unref();
}

/**
 * For `main.ts`: a service that cannot start says why in one log line and exits 1. A bad
 * configuration lists each bad variable, without a stack trace that would bury it.
 */
export function exitOnStartupFailure(service: string) {
  return (error: unknown): never => {
    const logger = new JsonLogger({ service });
    if (error instanceof ConfigValidationError) {
      logger.fatal({ msg: error.message, problems: error.problems }, 'Config');
    } else {
      logger.fatal(error instanceof Error ? error : { msg: String(error) }, 'Bootstrap');
    }
    process.exit(1);
  };
}
