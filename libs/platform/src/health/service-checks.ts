import { CommonConfig, kafkaBrokersOf } from '../config/common.config';
import { eventReadersCheck } from './event-readers.check';
import { kafkaSecurityOf } from '../wiring/service-wiring';
import { kafkaCheck } from './kafka.check';
import { databaseQuery, postgresCheck } from './postgres.check';
import { ReadinessCheck } from './readiness-check';

/**
 * What every service's readiness waits for: its own database (one connection, shared by both
 * checks) and the readers of its event log (none stuck). Not the bus: a command needs only Postgres,
 * and the outbox holds its events until the bus is back, so a broker outage must not take the
 * APIs out of the load balancer. The bus shows as a metric instead (`serviceBusCheck`).
 */
export function serviceReadinessChecks(config: CommonConfig, service: string): ReadinessCheck[] {
  void service;
  const url = config.DATABASE_URL;
  const database = databaseQuery(url);
  return [postgresCheck({ url, database }), eventReadersCheck({ url, database })];
}

/**
 * The configured bus, for `custos_dependency_up{check="bus"}`: the Kafka brokers, or in the
 * embedded mode the Postgres database the in-process bus keeps its log in.
 */
export function serviceBusCheck(config: CommonConfig, service: string): ReadinessCheck {
  return config.EVENT_BUS === 'kafka'
    ? { ...kafkaCheck({ brokers: kafkaBrokersOf(config), clientId: `custos-${service}-health`, security: kafkaSecurityOf(config) }), key: 'bus' }
    : postgresCheck({ url: config.EVENT_BUS_DATABASE_URL, key: 'bus' });
}
