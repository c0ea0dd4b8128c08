import { topicConfigOf, topicSettingsOf } from './kafka/create-topics';

describe('the topic job settings (deploy/kafka/create-topics.ts)', () => {
  it('defaults to 12 partitions, 3 replicas and min.insync.replicas 2', () => {
    expect(topicSettingsOf({})).toEqual({ partitions: 12, replication: 3, minInsyncReplicas: 2 });
  });

  it('lowers the default min.insync.replicas to the replication of a one-broker cluster', () => {
    expect(topicSettingsOf({ KAFKA_REPLICATION: '1' })).toEqual({ partitions: 12, replication: 1, minInsyncReplicas: 1 });
  });

  it('refuses a min.insync.replicas above the replication: no write could ever be acknowledged', () => {
    expect(() => topicSettingsOf({ KAFKA_REPLICATION: '2', KAFKA_MIN_INSYNC_REPLICAS: '3' })).toThrow(/cannot exceed KAFKA_REPLICATION/);
  });

  it('refuses a count that is not a whole number of at least 1', () => {
    expect(() => topicSettingsOf({ KAFKA_PARTITIONS: '0' })).toThrow(/KAFKA_PARTITIONS must be a whole number/);
    expect(() => topicSettingsOf({ KAFKA_REPLICATION: 'three' })).toThrow(/KAFKA_REPLICATION must be a whole number/);
  });

  it('gives every topic events that never expire and the chosen min.insync.replicas', () => {
    expect(topicConfigOf({ partitions: 6, replication: 3, minInsyncReplicas: 2 })).toEqual([
      { name: 'retention.ms', value: '-1' },
      { name: 'min.insync.replicas', value: '2' },
    ]);
  });
});
