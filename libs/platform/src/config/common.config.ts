import { IsBoolean, IsIn, IsInt, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { LOG_LEVELS, LogLevelName } from '../logging/log-level';
import { EMBEDDED_POSTGRES, embeddedDatabaseUrl } from './embedded-database-url';
import { Setting } from './setting.decorator';

export const EVENT_BUS_KINDS = ['embedded', 'kafka'] as const;
export type EventBusKind = (typeof EVENT_BUS_KINDS)[number];

/**
 * What every service reads from its environment. A service's config class extends this one
 * and overrides `PORT` and `DATABASE_URL` with its own defaults. Every default is the
 * embedded mode's value (`npm start` on a developer machine); the cluster sets them all.
 */
export class CommonConfig {
  @Setting({
    description: 'HTTP port of the service',
    defaultText: 'registry 3001, requests 3002, approvals 3003, custody 3004, storage 3005, ledger 3006',
  })
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  @Setting({ description: `Lowest level written to the JSON log: ${LOG_LEVELS.join(', ')}` })
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevelName = 'info';

  @Setting({
    description: "Postgres URL of the service's own database (never shared between services)",
    defaultText: `\`postgres://${EMBEDDED_POSTGRES.user}:${EMBEDDED_POSTGRES.password}@${EMBEDDED_POSTGRES.host}:${EMBEDDED_POSTGRES.port}/custos_<service>\``,
    secret: true,
  })
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string =
    `postgres://${EMBEDDED_POSTGRES.user}:${EMBEDDED_POSTGRES.password}@${EMBEDDED_POSTGRES.host}:${EMBEDDED_POSTGRES.port}/custos`;

  @Setting({ description: '`embedded`: events travel in this process; `kafka`: through the brokers of KAFKA_BROKERS' })
  @IsIn(EVENT_BUS_KINDS)
  EVENT_BUS: EventBusKind = 'embedded';

  @Setting({
    description: 'Postgres URL of the embedded event bus log, shared by all services of one machine (used when EVENT_BUS=embedded)',
    defaultText: `\`postgres://${EMBEDDED_POSTGRES.user}:${EMBEDDED_POSTGRES.password}@${EMBEDDED_POSTGRES.host}:${EMBEDDED_POSTGRES.port}/custos_bus\``,
    secret: true,
  })
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'EVENT_BUS_DATABASE_URL must be a postgres:// URL' })
  EVENT_BUS_DATABASE_URL: string = embeddedDatabaseUrl('bus');

  @Setting({ description: 'Comma-separated `host:port` list of Kafka bootstrap brokers (used when EVENT_BUS=kafka)' })
  @Matches(/^\s*[^\s,]+:\d+\s*(,\s*[^\s,]+:\d+\s*)*$/, {
    message: 'KAFKA_BROKERS must be a comma-separated list of host:port',
  })
  KAFKA_BROKERS: string = '127.0.0.1:9092';

  @Setting({ description: 'Prefix of every Kafka topic name, to share one cluster between environments' })
  @Matches(/^[A-Za-z0-9._-]*$/, { message: 'KAFKA_TOPIC_PREFIX may hold only letters, digits, ".", "_" and "-"' })
  KAFKA_TOPIC_PREFIX: string = '';

  @Setting({
    description:
      'The service runs on a developer machine (`npm start`): it listens on 127.0.0.1 only. `false` in containers, where it listens on 0.0.0.0',
  })
  @IsBoolean()
  EMBEDDED_MODE: boolean = true;

  @Setting({
    description: 'On SIGTERM, how long to let requests and modules finish before the process exits anyway (ms)',
  })
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS: number = 10000;

  @Setting({ description: 'Expected `iss` of access tokens' })
  @IsString()
  AUTH_ISSUER: string = 'http://127.0.0.1:3001';

  @Setting({ description: 'Expected `aud` of access tokens' })
  @IsString()
  AUTH_AUDIENCE: string = 'custos';

  @Setting({ description: 'Where the public keys that sign access tokens are published (JWKS)' })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  AUTH_JWKS_URL: string = 'http://127.0.0.1:3001/.well-known/jwks.json';
}

/** KAFKA_BROKERS as the list kafkajs takes. */
export function kafkaBrokersOf(config: Pick<CommonConfig, 'KAFKA_BROKERS'>): string[] {
  return config.KAFKA_BROKERS.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

/** The kernel's bus settings (`EventStoreModule`'s `bus` option) from a service's config. */
export function eventBusOf(config: CommonConfig) {
  return config.EVENT_BUS === 'kafka'
    ? { kind: 'kafka' as const, brokers: kafkaBrokersOf(config), topicPrefix: config.KAFKA_TOPIC_PREFIX }
    : { kind: 'embedded' as const, databaseUrl: config.EVENT_BUS_DATABASE_URL, topicPrefix: config.KAFKA_TOPIC_PREFIX };
}
