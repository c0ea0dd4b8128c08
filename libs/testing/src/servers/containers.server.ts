import { TestInfra } from '../infra';
import { ServerHandle } from './server-handle';

/**
 * Where a container engine answers (a developer's laptop, a CI with Docker), the same three
 * servers come from testcontainers: Postgres, Redpanda (Kafka protocol) and MinIO.
 * testcontainers is pinned to 12.0.1, the last release that loads on Node 20.
 */
export async function containerRuntimeAvailable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = require('testcontainers');
    return await getContainerRuntimeClient().then(
      () => true,
      () => false,
    );
  } catch {
    return false;
  }
}

export async function startContainers(): Promise<{ infra: TestInfra; handle: ServerHandle }> {
  const { GenericContainer, Wait } = require('testcontainers');
  const secret = require('node:crypto').randomBytes(16).toString('hex');
  const postgres = await new GenericContainer('postgres:16-alpine')
    .withEnvironment({ POSTGRES_PASSWORD: secret })
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/ready to accept connections/, 2))
    .start();
  const redpanda = await new GenericContainer('redpandadata/redpanda:v24.2.7')
    .withExposedPorts({ container: 9092, host: 19092 })
    .withCommand([
      'redpanda', 'start', '--mode', 'dev-container', '--smp', '1',
      '--kafka-addr', 'PLAINTEXT://0.0.0.0:9092', '--advertise-kafka-addr', 'PLAINTEXT://127.0.0.1:19092',
    ])
    .withWaitStrategy(Wait.forLogMessage(/Successfully started Redpanda/))
    .start();
  const minio = await new GenericContainer('minio/minio:RELEASE.2025-04-22T22-12-26Z')
    .withEnvironment({ MINIO_ROOT_USER: 'custos', MINIO_ROOT_PASSWORD: secret })
    .withCommand(['server', '/data'])
    .withExposedPorts(9000)
    .withWaitStrategy(Wait.forHttp('/minio/health/ready', 9000))
    .start();
  const containers = [postgres, redpanda, minio];
  return {
    infra: {
      databaseUrl: `postgres://postgres:${secret}@${postgres.getHost()}:${postgres.getMappedPort(5432)}/postgres`,
      kafkaBrokers: ['127.0.0.1:19092'],
      s3: {
        endPoint: minio.getHost(),
        port: minio.getMappedPort(9000),
        useSSL: false,
        accessKey: 'custos',
        secretKey: secret,
        region: 'us-east-1',
      },
      source: 'testcontainers',
    },
    handle: { name: 'containers', pids: () => [], stop: async () => void (await Promise.all(containers.map((c) => c.stop()))) },
  };
}
