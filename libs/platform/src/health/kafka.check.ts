import { KafkaSecurity, kafkaClientSecurity } from '@custos/eventstore';
import { Kafka, logLevel } from 'kafkajs';
import { CheckOutcome, DEFAULT_CHECK_TIMEOUT_MS, ReadinessCheck, reasonOf, withTimeout } from './readiness-check';

export interface KafkaCheckOptions {
  readonly brokers: string[];
  readonly clientId?: string;
  /** TLS and SASL, as the service's transport uses them. */
  readonly security?: KafkaSecurity;
  readonly timeoutMs?: number;
}

/**
 * The brokers answer an admin `describeCluster` (a metadata request). Only calls every
 * Kafka-protocol broker serves are used: the tests' broker (librdkafka's mock cluster) has
 * no createTopics, describeConfigs or listGroups. Each check opens and closes its own
 * connection, so a broker that went away is noticed on the next probe.
 */
export function kafkaCheck(options: KafkaCheckOptions): ReadinessCheck {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const kafka = new Kafka({
    clientId: options.clientId ?? 'custos-health',
    brokers: options.brokers,
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
    // A failed probe is reported in the health body; kafkajs's own console lines would repeat it.
    logLevel: logLevel.NOTHING,
    ...kafkaClientSecurity(options.security),
  });
  return {
    key: 'kafka',
    async run(): Promise<CheckOutcome> {
      const admin = kafka.admin();
      try {
        const cluster = await withTimeout(
          admin.connect().then(() => admin.describeCluster()),
          timeoutMs,
          'Kafka',
        );
        return { up: true, details: { brokers: cluster.brokers.length } };
      } catch (error) {
        return { up: false, details: { message: reasonOf(error) } };
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
  };
}
