import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { CommonConfig } from '../config/common.config';

/**
 * A service's TypeORM connection to its own database. The schema is owned by migrations,
 * never by `synchronize`: an evidence system must not have its tables altered by a start.
 * Connecting is retried for about half a minute, so that a service started with its
 * database (docker compose, a pod restart) waits for it instead of failing at once.
 */
export function typeOrmOptionsFor(config: CommonConfig, service: string): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    applicationName: `custos-${service}`,
    synchronize: false,
    migrationsRun: false,
    autoLoadEntities: true,
    logging: false,
    retryAttempts: 10,
    retryDelay: 3000,
    extra: { max: 10, connectionTimeoutMillis: 5000 },
  };
}
