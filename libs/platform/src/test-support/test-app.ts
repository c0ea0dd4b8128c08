import type { INestApplication, LoggerService, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { configureApp } from '../http/configure-app';

/** A quiet logger for tests that do not look at log lines. */
export const silentLogger: LoggerService = {
  log: () => undefined,
  error: () => undefined,
  warn: () => undefined,
  debug: () => undefined,
  verbose: () => undefined,
};

/** An application configured exactly as `bootstrapService` configures a service, not listening. */
export async function createConfiguredApp(
  imports: (Type<unknown> | import('@nestjs/common').DynamicModule)[],
  options: { service?: string; logger?: LoggerService; controllers?: Type<unknown>[] } = {},
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports, controllers: options.controllers ?? [] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureApp(app, { service: options.service ?? 'test', logger: options.logger ?? silentLogger, swagger: false });
  await app.init();
  return app;
}
