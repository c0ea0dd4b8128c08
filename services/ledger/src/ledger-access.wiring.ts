import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Provider } from '@nestjs/common';
import { Pool } from 'pg';
import { ResolvedLedgerOptions } from './ledger.options';
import { LEDGER_OPTIONS, LEDGER_POOL } from './ledger.tokens';
import { LedgerAccessIndex } from './database/access-index';
import { LedgerAccess } from './shared/ledger-access';

/** Follows the log into the access index while the ledger runs (API-only replicas catch up on demand). */
@Injectable()
class LedgerAccessLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(LEDGER_OPTIONS) private readonly options: ResolvedLedgerOptions,
    private readonly index: LedgerAccessIndex,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.run) this.index.start();
  }

  /** Before any shutdown hook, so that the ledger's pool is still open for the last pass. */
  async onModuleDestroy(): Promise<void> {
    await this.index.stop();
  }
}

/** The access index and rules, for `LedgerModule` (the pool's schema includes `ensureAccessSchema`). */
export function ledgerAccessProviders(): Provider[] {
  const logger = new Logger('Ledger');
  return [
    {
      provide: LedgerAccessIndex,
      useFactory: (pool: Pool) =>
        new LedgerAccessIndex({
          pool,
          onError: (error) =>
            logger.error({
              msg: 'ledger access index failed',
              component: 'access index',
              reason: String((error as Error)?.message ?? error),
            }),
        }),
      inject: [LEDGER_POOL],
    },
    {
      provide: LedgerAccess,
      useFactory: (index: LedgerAccessIndex, pool: Pool) => new LedgerAccess(index, pool),
      inject: [LedgerAccessIndex, LEDGER_POOL],
    },
    LedgerAccessLifecycle,
  ];
}
