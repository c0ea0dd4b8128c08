import { DynamicModule, Module } from '@nestjs/common';
import { BusOptions } from '@custos/eventstore';
import { eventBusOf, selfContainedRootModule, serviceReadinessChecks } from '@custos/platform';
import * as Minio from 'minio';
import { LocalCheckpointArchive } from './adapters/local-checkpoint-archive';
import { ledgerReadinessCheck } from './shared/ledger-health.check';
import { ledgerEventRegistry } from './domain/ledger-denials';
import { LedgerConfig } from './ledger.config';
import { LedgerModule } from './ledger.module';
import { ledgerSignerKeyOf } from './ledger-signer-key';

export const SERVICE = 'ledger';

/**
 * The ledger service. The audit ledger: consumes every event into a Merkle log with proofs and
 * signed checkpoints, archived write-once (S3 Object Lock, or read-only files when embedded).
 * Refused accesses are events of this service (`ledger.AccessDenied`), ledgered like any other.
 */
@Module({})
export class AppModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    const readinessChecks = [...serviceReadinessChecks(config, SERVICE), ledgerReadinessCheck()];
    return selfContainedRootModule(
      AppModule,
      config,
      { service: SERVICE, eventRegistry: ledgerEventRegistry(), readinessChecks },
      LedgerModule.forRoot({
        databaseUrl: config.DATABASE_URL,
        transport: ledgerBus(config),
        signerKey: ledgerSignerKeyOf(config),
        checkpointArchive: checkpointArchiveOf(config),
        checkpointIntervalMs: config.LEDGER_CHECKPOINT_INTERVAL_MS,
        gapGraceMs: config.LEDGER_GAP_GRACE_MS,
      }),
    );
  }
}

/** Batches of several partitions share one append transaction, so the ledger takes many at once. */
function ledgerBus(config: LedgerConfig): BusOptions {
  const bus = eventBusOf(config);
  return bus.kind === 'kafka' ? { ...bus, partitionsConsumedConcurrently: 8 } : bus;
}

function checkpointArchiveOf(config: LedgerConfig) {
  if (config.LEDGER_CHECKPOINT_DRIVER === 'local') {
    if (!config.EMBEDDED_MODE) throw new Error('LEDGER_CHECKPOINT_DRIVER=local is for the embedded mode only: use s3');
    return new LocalCheckpointArchive(config.LEDGER_CHECKPOINT_DIR);
  }
  const url = new URL(config.S3_ENDPOINT);
  const client = new Minio.Client({
    endPoint: url.hostname,
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    useSSL: url.protocol === 'https:',
    accessKey: config.S3_ACCESS_KEY,
    secretKey: config.S3_SECRET_KEY,
    region: config.S3_REGION,
  });
  return { client, bucket: config.S3_BUCKET_CHECKPOINTS, retentionDays: config.LEDGER_CHECKPOINT_RETENTION_DAYS };
}
