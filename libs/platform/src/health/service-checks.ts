import { CommonConfig, kafkaBrokersOf } from '../config/common.config';
import { embeddedBusCheck } from './embedded-bus.check';
import { kafkaCheck } from './kafka.check';
import { postgresCheck } from './postgres.check';
import { ReadinessCheck } from './readiness-check';

/**
 * What every service waits for: its own database (through its TypeORM DataSource) and the
 * event bus it is configured with (Kafka only when EVENT_BUS=kafka).
 */
export function serviceReadinessChecks(config: CommonConfig, service: string): ReadinessCheck[] {
  return [
    postgresCheck(),
    config.EVENT_BUS === 'kafka'
      ? kafkaCheck({ brokers: kafkaBrokersOf(config), clientId: `custos-${service}-health` })
      : embeddedBusCheck(),
  ];
}
