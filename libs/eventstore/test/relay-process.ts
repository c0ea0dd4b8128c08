// A relay in its own process, for the kill -9 test: DATABASE_URL, KAFKA_BROKERS, TOPIC_PREFIX.
import { KafkaTransport } from '../src/transport/kafka.transport';
import { OutboxRelay } from '../src/relay/outbox-relay';

const transport = new KafkaTransport({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'relay-process' });
const relay = new OutboxRelay({
  service: 'test',
  connection: { connectionString: process.env.DATABASE_URL },
  transport,
  topicPrefix: process.env.TOPIC_PREFIX,
  batchSize: Number(process.env.BATCH_SIZE ?? 20),
  idlePollMs: 100,
});
relay.start();
process.stdout.write('RELAY STARTED\n');
