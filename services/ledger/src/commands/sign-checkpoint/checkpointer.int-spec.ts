import { Pool } from 'pg';
import { waitFor } from '@custos/testing';
import { freshLedgerDb, leaves, ledgerKeys, MemoryArchive, ORIGIN, checkpointsOn, ledgerLogOn } from '../../../test/support';
import { LedgerMetrics } from '../../ledger.metrics';
import { ArchivedCheckpoint } from '../../domain/checkpoint-archive.port';
import { Checkpointer } from './checkpointer';

/** An archive that is down until told otherwise. */
class FlakyArchive extends MemoryArchive {
  down = true;

  override async put(treeSize: number, note: string): Promise<ArchivedCheckpoint> {
    if (this.down) throw new Error('object store unreachable');
    return super.put(treeSize, note);
  }
}

describe('Checkpointer on Postgres', () => {
  const keys = ledgerKeys();
  let pool: Pool;

  beforeAll(async () => {
    ({ pool } = await freshLedgerDb('checkpointer'));
  });
  afterAll(() => pool.end());

  it('signs soon after an append, stores the checkpoint at once and archives it when the store is back', async () => {
    const log = ledgerLogOn(pool);
    const store = checkpointsOn(pool);
    const archive = new FlakyArchive();
    const metrics = new LedgerMetrics();
    const failures: unknown[] = [];
    const checkpointer = new Checkpointer({
      pool,
      log,
      store,
      archive,
      signer: keys.signer,
      origin: ORIGIN,
      // The period is far off: only the append can make it sign within the test.
      intervalMs: 600_000,
      everyEntries: 1_000_000,
      minGapMs: 50,
      metrics,
      onError: (error) => failures.push(error),
    });
    checkpointer.start();
    try {
      // The signing at start reads the size concurrently; the first append waits for it, so
      // the empty tree is signed (and its copy fails) before 5 exists.
      await waitFor('the empty tree signed at start', async () => (await store.atSize(0)) ?? undefined, 10_000, 20);
      await log.append(leaves('custody', 1, 5));
      const signed = await waitFor('a checkpoint of 5', async () => (await store.atSize(5)) ?? undefined, 10_000, 20);
      expect(signed).toMatchObject({ treeSize: 5, archived: false, objectKey: 'memory/5' });
      // The archive is down: the checkpoint stays stored and pending, the failure is reported.
      const reported = () => {
        const status = checkpointer.status();
        return status.lastSize === 5 && status.archiveFailure !== undefined ? status : undefined;
      };
      await waitFor('the failed archive pass reported', async () => reported(), 10_000, 20);
      expect(checkpointer.status()).toMatchObject({ archiveFailure: 'object store unreachable' });
      expect(failures.length).toBeGreaterThan(0);
      expect((await metrics.checkpointFailures.get()).values).toContainEqual(
        expect.objectContaining({ labels: { reason: 'ARCHIVE_FAILED' } }),
      );

      archive.down = false;
      await log.append(leaves('custody', 6, 3));
      await waitFor(
        '8 signed and archived',
        async () => ((await store.atSize(8))?.archived ? true : undefined),
        10_000,
        20,
      );
      // The empty tree signed at start, 5 late, 8 at once: every checkpoint has its copy.
      expect([...archive.notes.keys()].sort((a, b) => a - b)).toEqual([0, 5, 8]);
      expect(await store.countUnarchived()).toBe(0);
      expect(await store.atSize(5)).toMatchObject({ archived: true, note: archive.notes.get(5) });
      expect(checkpointer.status()).toMatchObject({ lastSize: 8, unarchived: 0 });
      expect(checkpointer.status().archiveFailure).toBeUndefined();
    } finally {
      await checkpointer.stop();
    }
  });

  it('signs at most once per minGapMs however many appends commit', async () => {
    const log = ledgerLogOn(pool);
    const store = checkpointsOn(pool);
    const checkpointer = new Checkpointer({
      pool,
      log,
      store,
      archive: new MemoryArchive(),
      signer: keys.signer,
      origin: ORIGIN,
      intervalMs: 600_000,
      everyEntries: 1_000_000,
      minGapMs: 400,
      metrics: new LedgerMetrics(),
    });
    const before = (await store.upTo(Number.MAX_SAFE_INTEGER)).length;
    checkpointer.start();
    try {
      const started = Date.now();
      for (let k = 0; k < 10; k++) await log.append(leaves('requests', 1 + k, 1));
      const size = await log.size();
      await waitFor('the last append signed', async () => (await store.atSize(size)) ?? undefined, 10_000, 20);
      const signed = (await store.upTo(size)).length - before;
      // Ten appends within well under a second: at most one signing per 400 ms (and one at start).
      expect(signed).toBeLessThanOrEqual(2 + Math.ceil((Date.now() - started) / 400));
      expect(signed).toBeLessThan(10);
    } finally {
      await checkpointer.stop();
    }
  });
});
