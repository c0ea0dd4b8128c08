import { resilientPool } from '@custos/eventstore';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { closeOnShutdown } from '../wiring/service-wiring';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore, IdempotencyStoreOptions } from './idempotency.store';

export interface IdempotencyModuleOptions extends IdempotencyStoreOptions {
  /** The service's own database, where keys are kept with their answers. */
  readonly databaseUrl: string;
}

/** `Idempotency-Key` on every command route of the service (one interceptor, bound globally). */
@Module({})
export class IdempotencyModule {
  static forRoot(options: IdempotencyModuleOptions): DynamicModule {
    // Its own small pool: connected on the first keyed command only.
    const pool = resilientPool({ connectionString: options.databaseUrl, max: 4 });
    const store = new IdempotencyStore(pool, options);
    return {
      module: IdempotencyModule,
      providers: [
        { provide: IdempotencyStore, useValue: store },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        closeOnShutdown(pool),
      ],
      exports: [IdempotencyStore],
    };
  }
}
