import { spawn } from 'node:child_process';
import { ServerHandle } from './server-handle';
import { waitFor } from './scratch';

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
  let stderr = '';
  let exited = false;
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 64 * 1024) stderr += chunk.toString('utf8');
  });
  child.on('exit', () => (exited = true));
  child.on('error', (err) => {
    exited = true;
    stderr += String(err);
  });
  const brokers = await waitFor(
    'the kcat mock cluster',
    () => {
      if (exited) throw new Error(`kcat exited: ${stderr.slice(0, 2000)}`);
      const match = /bootstrap\.servers=(\S+)/.exec(stderr);
      return match ? match[1].split(',') : undefined;
    },
    15000,
  );
  return {
    name: 'kafka',
    brokers,
    pids: () => (child.pid && !exited ? [child.pid] : []),
    stop: async () => {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.stdin.end();
      child.kill('SIGTERM');
      await gone;
    },
  };
}
