// The deploy step that creates the event topics explicitly, with the partition count and
// replication chosen here rather than a broker's auto-creation defaults. A broker that refuses
// the admin API (librdkafka's mock cluster) is reported, not fatal: it auto-creates topics.
// env: KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, KAFKA_PARTITIONS (12), KAFKA_REPLICATION (3)
import { eventTopic, SERVICES } from '@custos/contracts';
import { Kafka, logLevel } from 'kafkajs';

async function main(): Promise<number> {
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
  const numPartitions = Number(process.env.KAFKA_PARTITIONS ?? 12);
  const replicationFactor = Number(process.env.KAFKA_REPLICATION ?? 3);
  const admin = new Kafka({ clientId: 'custos-create-topics', brokers, logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    const topics = SERVICES.map((s) => eventTopic(s, prefix));
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions,
          replicationFactor,
          configEntries: [{ name: 'retention.ms', value: '-1' }],
        })),
      });
    }
    console.log(`topics: ${topics.length} present (${missing.length} created) on ${brokers.join(',')}`);
    return 0;
  } catch (error) {
    console.error(`topics not created (${(error as Error).message}); the broker must auto-create them`);
    return process.env.KAFKA_TOPICS_REQUIRED === 'true' ? 1 : 0;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

main().then((code) => process.exit(code));
