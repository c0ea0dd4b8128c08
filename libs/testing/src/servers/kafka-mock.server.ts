import { spawn } from 'node:child_process';
import { ServerHandle } from './server-handle';
import { waitFor, watchChild } from './scratch';

export interface StartedKafka extends ServerHandle {
  readonly brokers: string[];
}

/**
 * librdkafka's mock cluster, hosted by Debian's `kcat`: a real Kafka-protocol broker over TCP
 * (produce, fetch, consumer groups, commits). kcat keeps it alive while its stdin stays open,
 * so we hold the pipe and never write to it.
 */
export async function startKafkaMock(brokerCount = 3): Promise<StartedKafka> {
  const child = spawn(
    'kcat',
    ['-b', 'localhost:1', '-P', '-t', 'custos.warmup', '-X', `test.mock.num.brokers=${brokerCount}`, '-d', 'mock'],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  const watched = watchChild(child);
  const brokers = await waitFor(
    'the kcat mock cluster',
    () => {
      if (watched.exited()) throw new Error(`kcat exited: ${watched.stderr().slice(0, 2000)}`);
      const match = /bootstrap\.servers=(\S+)/.exec(watched.stderr());
      return match ? match[1].split(',') : undefined;
    },
    15000,
  );
  return {
    name: 'kafka',
    brokers,
    pids: watched.pids,
    stop: () => watched.stop(() => child.stdin.end()),
  };
}
