// The requests service in a process of its own, for the approvals end-to-end suite and the
// lifecycle benchmark (services never import each other): DATABASE_URL, KAFKA_BROKERS,
// TOPIC_PREFIX, CUSTOS_TEST_AUTH (AuthConfig JSON), CUSTOS_TEST_REGISTRY (seed JSON).
// Prints "LISTENING <port>" once it serves; SIGTERM closes it.
import { AuthModule } from '@custos/auth';
import { KafkaTransport } from '@custos/eventstore';
import { configureApp } from '@custos/platform';
import { migrateTestDatabase } from '@custos/testing';
import { Test } from '@nestjs/testing';
import { REQUESTS_MIGRATIONS } from '../migrations';
import { InMemoryRequestsRegistryFacts } from '../registry/in-memory-registry-facts';
import { RequestsModule } from '../requests.module';
import { quiet } from './requests-app';

async function main(): Promise<void> {
  const env = process.env;
  // A database of a run without a migrated template (the benchmark) is migrated first, as a
  // migration job would; a migrated one is left as it is.
  await migrateTestDatabase(env.DATABASE_URL!, REQUESTS_MIGRATIONS);
  const transport = new KafkaTransport({
    brokers: env.KAFKA_BROKERS!.split(','),
    clientId: 'requests',
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 500,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [
      AuthModule.forRoot(JSON.parse(env.CUSTOS_TEST_AUTH!), { recorder: { useValue: { record: async () => undefined } } }),
      RequestsModule.forRoot({
        databaseUrl: env.DATABASE_URL!,
        transport,
        topicPrefix: env.TOPIC_PREFIX,
        registry: new InMemoryRequestsRegistryFacts(JSON.parse(env.CUSTOS_TEST_REGISTRY!)),
        expiryIntervalMs: 0,
      }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureApp(app, { service: 'requests', logger: quiet, swagger: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  process.stdout.write(`LISTENING ${address.port}\n`);
  const stop = async () => {
    await app.close().catch(() => undefined);
    await transport.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  process.stderr.write(`requests test server failed: ${String(error?.stack ?? error)}\n`);
  process.exit(1);
});
