import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuthModule, startTestIssuer, TestIssuer } from '@custos/auth';
import { KafkaTransport } from '@custos/eventstore';
import { AccessDenialRecorderOptions, configureApp } from '@custos/platform';
import { createTestBucket, createTestDatabase, testInfra, testS3Client } from '@custos/testing';
import { Pool } from 'pg';
import { ledgerAccessDenialRecorder } from '../src/domain/ledger-denials';
import { LedgerModule } from '../src/ledger.module';
import { LedgerModuleOptions } from '../src/ledger.options';
import { LEDGER_POOL } from '../src/ledger.tokens';

/** The ledger as an application on the harness's Kafka, Postgres and S3, with the test issuer's tokens. */
export interface LedgerTestApp {
  readonly app: INestApplication;
  /** The ledger's bus client (short consumer-group timeouts); `close` closes it. */
  readonly transport: KafkaTransport;
  readonly issuer: TestIssuer;
  /** The ledger's own pool (the kernel's). */
  readonly pool: Pool;
  close(): Promise<void>;
}

export type LedgerTestAppOptions = Omit<LedgerModuleOptions, 'databaseUrl' | 'transport' | 'checkpointArchive'> & {
  /** Records every 401 and 403 as `ledger.AccessDenied` in the ledger's own store, as AppModule does. */
  readonly recordDenials?: AccessDenialRecorderOptions;
  /** On a real port (127.0.0.1) instead of supertest's in-process server. */
  readonly listen?: boolean;
};

/**
 * `LedgerModule` on a database and an Object Lock bucket of its own (named after `label`),
 * checkpoints archived with 1 day of retention, configured as the service's main does.
 */
export async function startLedgerTestApp(label: string, options: LedgerTestAppOptions): Promise<LedgerTestApp> {
  const { recordDenials, listen, ...ledger } = options;
  const transport = new KafkaTransport({
    brokers: testInfra().kafkaBrokers,
    clientId: label,
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 500,
  });
  const issuer = await startTestIssuer();
  const databaseUrl = await createTestDatabase(label);
  const denialPool = recordDenials ? new Pool({ connectionString: databaseUrl, max: 2 }) : undefined;
  let app: INestApplication | undefined;
  const close = async () => {
    await app?.close();
    await transport.close();
    await issuer.close();
    await denialPool?.end();
  };
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRoot(
          issuer.authConfig(),
          denialPool ? { recorder: { useValue: ledgerAccessDenialRecorder(denialPool, recordDenials) } } : {},
        ),
        LedgerModule.forRoot({
          databaseUrl,
          transport,
          checkpointArchive: {
            client: testS3Client(),
            bucket: await createTestBucket(label, { objectLock: true }),
            retentionDays: 1,
          },
          ...ledger,
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureApp(app, { service: 'ledger', swagger: false });
    if (listen) await app.listen(0, '127.0.0.1');
    else await app.init();
    return { app, transport, issuer, pool: app.get<Pool>(LEDGER_POOL), close };
  } catch (error) {
    await close();
    throw error;
  }
}
