import type { INestApplication } from '@nestjs/common';
import path from 'node:path';
import { bootstrapService, embeddedDatabaseName, JsonLogger, loadConfig, LogLevelName } from '@custos/platform';
import { EMBEDDED_SERVICES } from './services';
import { ensureDatabases, RunningPostgres, startEmbeddedPostgres } from './embedded-postgres';

export const REPO_ROOT = path.resolve(__dirname, '../..');

export interface RunningService {
  readonly name: string;
  readonly url: string;
  readonly app: INestApplication;
}

export interface EmbeddedStack {
  readonly services: readonly RunningService[];
  readonly logger: JsonLogger;
  /** Closes every service, then stops Postgres. */
  stop(): Promise<void>;
}

export interface EmbeddedStackOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Overrides LOG_LEVEL of the environment (the smoke test keeps the output short). */
  readonly logLevel?: LogLevelName;
}

/**
 * Everything in one process: embedded Postgres, a database per service, and the six services,
 * each its own Nest application on its own port, with the in-process event bus.
 */
export async function startEmbeddedStack(options: EmbeddedStackOptions = {}): Promise<EmbeddedStack> {
  const env = embeddedEnvironment(options.env ?? process.env, options.logLevel);
  // Loaded first, so that a bad variable is reported before anything starts.
  const configs = EMBEDDED_SERVICES.map((s) => ({ service: s, config: loadConfig(s.configClass, env) }));
  const logger = new JsonLogger({ service: 'custos-embedded', level: configs[0].config.LOG_LEVEL });

  const postgres = await startEmbeddedPostgres(REPO_ROOT, (line) => logger.debug({ msg: line }, 'Postgres'));
  const started: RunningService[] = [];
  try {
    const created = await ensureDatabases(
      postgres.urlOf('postgres'),
      [...EMBEDDED_SERVICES.map((s) => embeddedDatabaseName(s.name)), embeddedDatabaseName('bus')],
    );
    if (created.length > 0) logger.log({ msg: 'databases created', databases: created }, 'Embedded');
    // One after the other: the start-up logs stay readable, and two cores gain little in parallel.
    for (const { service, config } of configs) {
      const app = await bootstrapService(service.rootModule(config), {
        name: service.name,
        config,
        logger,
        shutdownHooks: false,
      });
      started.push({ name: service.name, url: `http://127.0.0.1:${config.PORT}`, app });
    }
  } catch (error) {
    await stopAll(started, postgres, logger);
    throw error;
  }
  return { services: started, logger, stop: () => stopAll(started, postgres, logger) };
}

/**
 * The services' settings in the embedded mode. PORT and DATABASE_URL are per service, so
 * one value in the environment cannot apply to all six: each keeps its own default.
 */
function embeddedEnvironment(env: NodeJS.ProcessEnv, logLevel: LogLevelName | undefined): NodeJS.ProcessEnv {
  const { PORT: _port, DATABASE_URL: _databaseUrl, ...rest } = env;
  return {
    ...rest,
    EVENT_BUS: 'embedded',
    EMBEDDED_MODE: 'true',
    ...(logLevel ? { LOG_LEVEL: logLevel } : {}),
  };
}

async function stopAll(
  services: readonly RunningService[],
  postgres: RunningPostgres,
  logger: JsonLogger,
): Promise<void> {
  const closed = await Promise.allSettled(services.map((s) => s.app.close()));
  closed.forEach((result, i) => {
    if (result.status === 'rejected')
      logger.error(
        { msg: 'service did not close cleanly', service: services[i].name, err: result.reason },
        undefined,
        'Embedded',
      );
  });
  await postgres.stop();
}
