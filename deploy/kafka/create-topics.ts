// The deploy step that creates the event topics explicitly, with the partition count,
// replication and min.insync.replicas chosen here rather than a broker's auto-creation
// defaults, and corrects topics that already exist: events never expire (retention.ms=-1),
// min.insync.replicas as asked. Partitions of an existing topic are reported, never changed:
// more partitions move keys to other partitions, and an aggregate's events could then be read
// out of order. The
// brokers of a deployment run with auto.create.topics.enable=false, so a service that starts
// before this job cannot create a topic with the broker's defaults; compose and Kubernetes
// start the services only after it succeeded.
// A broker that refuses the admin API (librdkafka's mock cluster of the tests) is reported,
// not fatal, unless KAFKA_TOPICS_REQUIRED=true (every deployment sets it).
// `--check` changes nothing: it exits 1 unless every topic exists with retention.ms=-1 (the
// Kubernetes Deployments' init container, which so waits for the topic Job).
// env: KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, KAFKA_PARTITIONS (12), KAFKA_REPLICATION (3),
//      KAFKA_MIN_INSYNC_REPLICAS (2, at most KAFKA_REPLICATION), KAFKA_TOPICS_REQUIRED, and the
//      bus's TLS and SASL as the services read them (KAFKA_SSL*, KAFKA_SASL_*; issue 16)
import { eventTopic, SERVICES } from '@custos/contracts';
import { kafkaClientSecurity } from '@custos/eventstore';
import { CommonConfig, kafkaSecurityOf, loadConfig } from '@custos/platform';
import { Admin, ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';

export interface TopicSettings {
  readonly partitions: number;
  readonly replication: number;
  readonly minInsyncReplicas: number;
}

/** The topic settings from the environment; a nonsensical combination is refused before any call. */
export function topicSettingsOf(env: NodeJS.ProcessEnv): TopicSettings {
  const whole = (name: string, fallback: number): number => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1`);
    return value;
  };
  const partitions = whole('KAFKA_PARTITIONS', 12);
  const replication = whole('KAFKA_REPLICATION', 3);
  const minInsyncReplicas = whole('KAFKA_MIN_INSYNC_REPLICAS', Math.min(2, replication));
  if (minInsyncReplicas > replication) {
    throw new Error('KAFKA_MIN_INSYNC_REPLICAS cannot exceed KAFKA_REPLICATION: no write could ever be acknowledged');
  }
  return { partitions, replication, minInsyncReplicas };
}

/** The configuration every event topic carries (and is corrected to). */
export function topicConfigOf(settings: TopicSettings): { name: string; value: string }[] {
  return [
    { name: 'retention.ms', value: '-1' },
    { name: 'min.insync.replicas', value: String(settings.minInsyncReplicas) },
  ];
}

async function check(admin: Admin, topics: readonly string[]): Promise<number> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  if (missing.length > 0) {
    console.error(`topics missing: ${missing.join(', ')} (the topic job has not run yet)`);
    return 1;
  }
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['retention.ms'] })),
  });
  const expiring = described.resources.filter((r) => r.configEntries.some((e) => e.configName === 'retention.ms' && e.configValue !== '-1'));
  if (expiring.length > 0) {
    console.error(`topics whose events expire: ${expiring.map((r) => r.resourceName).join(', ')} (run the topic job)`);
    return 1;
  }
  console.log(`topics: ${topics.length} present, retention.ms -1`);
  return 0;
}

async function main(): Promise<number> {
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
  const settings = topicSettingsOf(process.env);
  const configEntries = topicConfigOf(settings);
  const security = kafkaClientSecurity(kafkaSecurityOf(loadConfig(CommonConfig, process.env)));
  const admin = new Kafka({ clientId: 'custos-create-topics', brokers, logLevel: logLevel.NOTHING, ...security }).admin();
  try {
    await admin.connect();
    const topics = SERVICES.map((s) => eventTopic(s, prefix));
    if (process.argv.includes('--check')) return await check(admin, topics);
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    const present = topics.filter((t) => existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: settings.partitions,
          replicationFactor: settings.replication,
          configEntries,
        })),
      });
    }
    if (present.length > 0) {
      // A topic made earlier (by hand, or auto-created before this job existed) is brought to
      // the same settings: an expiring event log would lose what the ledger must still read.
      await admin.alterConfigs({
        validateOnly: false,
        resources: present.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configEntries })),
      });
      const metadata = await admin.fetchTopicMetadata({ topics: present });
      for (const t of metadata.topics.filter((t) => t.partitions.length !== settings.partitions)) {
        console.warn(`${t.name} has ${t.partitions.length} partitions, not ${settings.partitions}: left as it is (per-aggregate order)`);
      }
    }
    console.log(
      `topics: ${topics.length} present (${missing.length} created, ${present.length} corrected) on ${brokers.join(',')}` +
        ` — partitions ${settings.partitions}, replication ${settings.replication}, min.insync.replicas ${settings.minInsyncReplicas}, retention.ms -1`,
    );
    return 0;
  } catch (error) {
    if (process.argv.includes('--check')) {
      console.error(`topics not checked (${(error as Error).message})`);
      return 1;
    }
    console.error(`topics not created (${(error as Error).message}); the broker must auto-create them`);
    return process.env.KAFKA_TOPICS_REQUIRED === 'true' ? 1 : 0;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`topic job refused its settings: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
