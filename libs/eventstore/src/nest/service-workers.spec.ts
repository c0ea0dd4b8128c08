import { Pool } from 'pg';
import { KernelMetrics } from '../metrics';
import { EventStore } from '../store/event-store';
import { NO_BUS } from './eventstore.module';
import { Kernel, ServiceWorkers, Worker } from './service-workers';

const kernel: Kernel = { service: 'test', pool: {} as Pool, store: {} as EventStore, transport: NO_BUS, metrics: new KernelMetrics() };

function recording(log: string[], name: string): Worker {
  return { start: () => log.push(`start ${name}`), stop: async () => log.push(`stop ${name}`) };
}

describe('ServiceWorkers (a service\'s consumers and timers on the kernel, issue 15)', () => {
  it('starts the workers in order with the application and stops them in the same order', async () => {
    const log: string[] = [];
    const workers = new ServiceWorkers(kernel, { inject: ['dep'], workers: (_k, dep: string) => [recording(log, `a ${dep}`), recording(log, 'b')] }, ['x']);
    await workers.onApplicationBootstrap();
    await workers.onApplicationShutdown();
    expect(log).toEqual(['start a x', 'start b', 'stop a x', 'stop b']);
  });

  it('builds and starts nothing when the service runs its API alone', async () => {
    const build = jest.fn(() => []);
    const workers = new ServiceWorkers(kernel, { run: false, workers: build }, []);
    await workers.onApplicationBootstrap();
    await workers.onApplicationShutdown();
    expect(build).not.toHaveBeenCalled();
  });

  it('names the readers the service declares for the quarantine command', () => {
    const reader = { name: 'projection' } as never;
    const workers = new ServiceWorkers(kernel, { readers: () => [reader] }, []);
    expect(workers.readers()).toEqual([reader]);
  });
});
