import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import * as Minio from 'minio';
import { Client } from 'pg';
import { FaultProxy, KafkaFaultProxy } from './fault-proxy';
import { testInfra } from './infra';
import { createTestBucket, createTestDatabase, testS3Client, uniqueTopicPrefix } from './isolation';
import { waitFor } from './servers/scratch';

describe('test harness: real servers over the network', () => {
  describe('Postgres', () => {
    let url: string;
    beforeAll(async () => {
      url = await createTestDatabase('harness');
    });

    async function connect(connectionString: string): Promise<Client> {
      const client = new Client({ connectionString, connectionTimeoutMillis: 3000 });
      client.on('error', () => undefined);
      await client.connect();
      return client;
    }

    it('runs a transaction round trip on a real server reached over TCP', async () => {
      const db = await connect(url);
      try {
        const { rows } = await db.query('SELECT version() AS v, inet_server_port() AS port');
        expect(rows[0].v).toMatch(/^PostgreSQL \d+/);
        expect(rows[0].port).toBe(Number(new URL(url).port));
        await db.query('CREATE TABLE t (id int PRIMARY KEY)');
        await db.query('BEGIN');
        await db.query('INSERT INTO t VALUES (1)');
        await db.query('ROLLBACK');
        await db.query('BEGIN');
        await db.query('INSERT INTO t VALUES (2)');
        await db.query('COMMIT');
        const after = await db.query('SELECT id FROM t');
        expect(after.rows).toEqual([{ id: 2 }]);
      } finally {
        await db.end();
      }
    });

    it('loses the connection when the fault proxy cuts it and reconnects after restore', async () => {
      const target = new URL(url);
      const proxy = await FaultProxy.start({ host: target.hostname, port: Number(target.port) });
      const viaProxy = new URL(url);
      viaProxy.host = proxy.url;
      try {
        const db = await connect(viaProxy.toString());
        expect((await db.query('SELECT 1 AS one')).rows[0].one).toBe(1);
        proxy.cut();
        await expect(db.query('SELECT 1')).rejects.toThrow();
        await expect(connect(viaProxy.toString())).rejects.toThrow();
        proxy.restore();
        const again = await connect(viaProxy.toString());
        expect((await again.query('SELECT 2 AS two')).rows[0].two).toBe(2);
        await again.end();
      } finally {
        await proxy.close();
      }
    });
  });

  describe('Kafka-protocol broker', () => {
    const kafkaConfig = { clientId: 'harness-test', logLevel: logLevel.NOTHING, retry: { retries: 2, initialRetryTime: 100 } };
    const groupConfig = { sessionTimeout: 6000, rebalanceTimeout: 6000, heartbeatInterval: 500 };

    async function consume(kafka: Kafka, groupId: string, topic: string, count: number): Promise<string[]> {
      const consumer = kafka.consumer({ groupId, ...groupConfig });
      const seen: string[] = [];
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ message, partition, topic: t }) => {
          seen.push(message.value!.toString());
          await consumer.commitOffsets([{ topic: t, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
        },
      });
      await waitFor(`${count} messages`, () => (seen.length >= count ? true : undefined), 60000);
      await consumer.disconnect();
      return seen;
    }

    it('produces, consumes in a group with commits, and resumes from the committed offset', async () => {
      const kafka = new Kafka({ ...kafkaConfig, brokers: testInfra().kafkaBrokers });
      const topic = `${uniqueTopicPrefix('harness')}events`;
      const producer = kafka.producer();
      await producer.connect();
      const first = ['a', 'b', 'c'].map((v) => ({ key: 'k', value: v }));
      await producer.send({ topic, acks: -1, messages: first });
      const groupId = `g-${randomUUID()}`;
      expect(await consume(kafka, groupId, topic, 3)).toEqual(['a', 'b', 'c']);
      await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'd' }] });
      // Same group, new member: only what came after the committed offset.
      expect(await consume(kafka, groupId, topic, 1)).toEqual(['d']);
      await producer.disconnect();
    });

    it('fails to produce while the fault proxy cuts every broker and recovers after restore', async () => {
      const proxy = await KafkaFaultProxy.start(testInfra().kafkaBrokers);
      const kafka = new Kafka({ ...kafkaConfig, brokers: proxy.brokers, socketFactory: proxy.socketFactory });
      const topic = `${uniqueTopicPrefix('harness-cut')}events`;
      const producer = kafka.producer();
      try {
        await producer.connect();
        await producer.send({ topic, acks: -1, messages: [{ value: 'before' }] });
        proxy.cut();
        await expect(producer.send({ topic, acks: -1, timeout: 1000, messages: [{ value: 'during' }] })).rejects.toThrow();
        proxy.restore();
        await waitFor(
          'a produce after restore',
          () => producer.send({ topic, acks: -1, messages: [{ value: 'after' }] }).then(() => true, () => undefined),
          30000,
          500,
        );
      } finally {
        await producer.disconnect().catch(() => undefined);
        await proxy.close();
      }
    });
  });

  describe('S3 with Object Lock', () => {
    it('refuses to delete a locked object version (the server enforces it)', async () => {
      const s3 = testS3Client();
      const bucket = await createTestBucket('harness-lock', { objectLock: true });
      const uploaded = await s3.putObject(bucket, 'original.bin', Buffer.from('footage'));
      const until = new Date(Date.now() + 24 * 3600 * 1000);
      await s3.putObjectRetention(bucket, 'original.bin', {
        mode: Minio.RETENTION_MODES.COMPLIANCE,
        retainUntilDate: until.toISOString(),
        versionId: uploaded.versionId ?? '',
      } satisfies Minio.RetentionOptions);
      const retention = await s3.getObjectRetention(bucket, 'original.bin', { versionId: uploaded.versionId ?? '' });
      expect(retention?.mode).toBe('COMPLIANCE');
      await expect(
        s3.removeObject(bucket, 'original.bin', { versionId: uploaded.versionId ?? undefined, governanceBypass: true }),
      ).rejects.toThrow(/AccessDenied|object lock/i);
      const chunks: Buffer[] = [];
      for await (const chunk of await s3.getObject(bucket, 'original.bin')) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString()).toBe('footage');
    });

    it('fails while the fault proxy cuts the S3 connection and works after restore', async () => {
      const { s3 } = testInfra();
      const proxy = await FaultProxy.start({ host: s3.endPoint, port: s3.port });
      const client = new Minio.Client({ ...s3, endPoint: proxy.listen.host, port: proxy.listen.port });
      const bucket = await createTestBucket('harness-cut');
      try {
        await client.putObject(bucket, 'a', Buffer.from('1'));
        proxy.cut();
        await expect(client.statObject(bucket, 'a')).rejects.toThrow();
        proxy.restore();
        expect((await client.statObject(bucket, 'a')).size).toBe(1);
      } finally {
        await proxy.close();
      }
    });
  });
});
