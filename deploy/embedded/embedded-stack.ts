import type { INestApplication } from '@nestjs/common';
import path from 'node:path';
import { bootstrapService, CommonConfig, EMBEDDED_POSTGRES, embeddedDatabaseName, JsonLogger, loadConfig, LogLevelName } from '@custos/platform';
import { EMBEDDED_SERVICES, EmbeddedService } from './services';
import { embeddedHome, ensureDatabases, RunningPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { MIGRATIONS } from '../migrations';
import { DatabaseRole, embeddedDatabaseRoles, migrateEmbeddedDatabases } from './embedded-migrations';

export const REPO_ROOT = path.resolve(__dirname, '../..');

export interface RunningService {
  readonly name: string;
  readonly url: string;
  readonly app: INestApplication;
}

export interface EmbeddedStack {
  readonly services: readonly RunningService[];
  readonly logger: JsonLogger;
  readonly postgres: RunningPostgres;
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
  const given = options.env ?? process.env;
  const layout = embeddedLayout(given);
  const homeLog: string[] = [];
  const home = embeddedHome(REPO_ROOT, given, (line) => homeLog.push(line));
  const roles = embeddedDatabaseRoles(home);
  // Loaded first, so that a bad variable is reported before anything starts. The services run
  // as the runtime role: they may use their tables, not change the schema (issue 19).
  const configs = embeddedConfigs(given, options.logLevel, roles.runtime);
  const logger = new JsonLogger({ service: 'custos-embedded', level: configs[0].config.LOG_LEVEL });
  for (const line of homeLog) logger.log({ msg: line }, 'Embedded');

  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(home, 'pg'),
    port: layout.postgresPort,
    onLog: (line) => logger.debug({ msg: line }, 'Postgres'),
    onRestart: (event) =>
      event.restarted
        ? logger.warn({ msg: 'embedded Postgres died and was started again', ...event }, 'Embedded')
        : logger.error({ msg: 'embedded Postgres died; starting it again failed, retrying', ...event }, undefined, 'Embedded'),
  });
  const started: RunningService[] = [];
  try {
    const created = await ensureDatabases(
      postgres.urlOf('postgres'),
      [...EMBEDDED_SERVICES.map((s) => embeddedDatabaseName(s.name)), embeddedDatabaseName('bus')],
    );
    if (created.length > 0) logger.log({ msg: 'databases created', databases: created }, 'Embedded');
    // The same migrations as compose's and Kubernetes' migration jobs, as the owner role.
    const migrationsStarted = Date.now();
    await migrateEmbeddedDatabases({
      roles,
      superuserUrl: (database) => postgres.urlOf(database),
      urlAs: (database, role) => layout.databaseUrl(database, role),
      databases: Object.entries(MIGRATIONS).map(([name, migrations]) => ({ database: embeddedDatabaseName(name), migrations })),
      log: (line) => logger.log(line, 'Embedded'),
    });
    logger.log({ msg: 'schema migrated', ms: Date.now() - migrationsStarted }, 'Embedded');
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
  return { services: started, logger, postgres, stop: () => stopAll(started, postgres, logger) };
}

/**
 * Where the embedded installation lives and listens. By default Postgres on 5433 and the
 * services on 3001…3006; `CUSTOS_EMBEDDED_PG_PORT`, `CUSTOS_EMBEDDED_HTTP_PORT` (the registry's,
 * the others follow) and `CUSTOS_EMBEDDED_DIR` move a second installation beside the first
 * (the launcher's own tests, the chaos run).
 */
interface EmbeddedLayout {
  readonly postgresPort: number;
  readonly firstHttpPort: number;
  /** As the superuser unless a role is given. */
  databaseUrl(database: string, role?: DatabaseRole): string;
}

/** Each service with its configuration in the embedded mode (read, not started). */
export function embeddedConfigs(
  given: NodeJS.ProcessEnv,
  logLevel?: LogLevelName,
  runtimeRole?: DatabaseRole,
): { service: EmbeddedService; config: CommonConfig }[] {
  const layout = embeddedLayout(given);
  const env = embeddedEnvironment(given, layout, logLevel, runtimeRole);
  return EMBEDDED_SERVICES.map((s, i) => ({
    service: s,
    config: loadConfig(s.configClass, {
      ...env,
      PORT: String(layout.firstHttpPort + i),
      DATABASE_URL: layout.databaseUrl(embeddedDatabaseName(s.name), runtimeRole),
    }),
  }));
}

function embeddedLayout(env: NodeJS.ProcessEnv): EmbeddedLayout {
  const port = (name: string, fallback: number) => {
    const value = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
    if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a port number`);
    return value;
  };
  const postgresPort = port('CUSTOS_EMBEDDED_PG_PORT', EMBEDDED_POSTGRES.port);
  const { user, password, host } = EMBEDDED_POSTGRES;
  return {
    postgresPort,
    firstHttpPort: port('CUSTOS_EMBEDDED_HTTP_PORT', 3001),
    databaseUrl: (database, role) =>
      `postgres://${encodeURIComponent(role?.name ?? user)}:${encodeURIComponent(role?.password ?? password)}@${host}:${postgresPort}/${database}`,
  };
}

/**
 * The services' settings in the embedded mode. PORT and DATABASE_URL are per service, so
 * one value in the environment cannot apply to all six: each gets its own from the layout.
 * The URLs by which services find each other follow the layout unless set.
 */
function embeddedEnvironment(
  env: NodeJS.ProcessEnv,
  layout: EmbeddedLayout,
  logLevel: LogLevelName | undefined,
  runtimeRole: DatabaseRole | undefined,
): NodeJS.ProcessEnv {
  const { PORT: _port, DATABASE_URL: _databaseUrl, ...rest } = env;
  const urlOf = (name: string) =>
    `http://127.0.0.1:${layout.firstHttpPort + EMBEDDED_SERVICES.findIndex((s) => s.name === name)}`;
  const home = env.CUSTOS_EMBEDDED_DIR ? path.resolve(env.CUSTOS_EMBEDDED_DIR) : undefined;
  return {
    CUSTOS_AUTH_ISSUER: urlOf('registry'),
    CUSTOS_AUTH_JWKS_URL: `${urlOf('registry')}/.well-known/jwks.json`,
    REGISTRY_URL: urlOf('registry'),
    APPROVALS_URL: urlOf('approvals'),
    STORAGE_URL: urlOf('storage'),
    EVENT_BUS_DATABASE_URL: layout.databaseUrl(embeddedDatabaseName('bus'), runtimeRole),
    ...(home
      ? {
          LOCAL_STORE_DIR: path.join(home, 'store'),
          CUSTODY_KEYS_DIR: path.join(home, 'keys'),
          LEDGER_KEYS_DIR: path.join(home, 'keys'),
          EVENT_KEYS_DIR: path.join(home, 'keys'),
          LEDGER_CHECKPOINT_DIR: path.join(home, 'checkpoints'),
        }
      : {}),
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
