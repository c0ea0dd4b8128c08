import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  leafHash,
  LedgerExport,
  signCheckpoint,
  verifyAgainstTrustedCheckpoint,
  verifyLedgerExport,
} from '@custos/ledger-core';
import { createTestBucket, testInfra, testS3Client } from '@custos/testing';
import { Client, Pool, PoolClient } from 'pg';
import { freshLedgerDb, leaves, ledgerKeys, MemoryArchive, ORIGIN, checkpointsOn, ledgerLogOn } from '../../../test/support';
import { CheckpointArchive } from '../../domain/checkpoint-archive.port';
import { Checkpointer } from '../../commands/sign-checkpoint/checkpointer';
import { S3CheckpointArchive } from '../../adapters/s3-checkpoint-archive';
import { LedgerMetrics } from '../../ledger.metrics';
import { ledgerExportJson } from './ledger-export';

const keys = ledgerKeys();
const identity = { origin: ORIGIN, publicKey: keys.verifierKey };
const repoRoot = path.resolve(__dirname, '../../../../..');

function checkpointerOn(pool: Pool, archive: CheckpointArchive = new MemoryArchive()): Checkpointer {
  return new Checkpointer({
    pool,
    log: ledgerLogOn(pool),
    store: checkpointsOn(pool),
    archive,
    signer: keys.signer,
    origin: ORIGIN,
    intervalMs: 60_000,
    everyEntries: 1_000_000,
    metrics: new LedgerMetrics(),
  });
}

/** Builds 40 entries (two services) checkpointed at 10, 25 and 40, archived in a locked bucket. */
async function honestLedger(bucket: string): Promise<{ databaseName: string }> {
  const { url, pool } = await freshLedgerDb('tamper-base');
  const log = ledgerLogOn(pool);
  const checkpointer = checkpointerOn(
    pool,
    new S3CheckpointArchive({ client: testS3Client(), bucket, retentionDays: 1 }),
  );
  try {
    for (const batch of [leaves('requests', 1, 10), leaves('custody', 1, 15), leaves('requests', 11, 15)]) {
      await log.append(batch);
      await checkpointer.checkpointNow();
    }
  } finally {
    await pool.end();
  }
  return { databaseName: new URL(url).pathname.slice(1) };
}

describe('ledger export and the offline verifier, against a database tampered with as superuser', () => {
  const admin = new Client({ connectionString: testInfra().databaseUrl });
  const clones: Pool[] = [];
  let base: string;
  let bucket: string;
  let trustedNote: string;

  beforeAll(async () => {
    await admin.connect();
    bucket = await createTestBucket('ledger-checkpoints', { objectLock: true });
    ({ databaseName: base } = await honestLedger(bucket));
    // The auditor's copy, saved when the log was at 25 entries: taken from the write-once store.
    const stream = await testS3Client().getObject(bucket, 'checkpoints/0000000000000025.checkpoint');
    trustedNote = '';
    for await (const chunk of stream) trustedNote += chunk.toString('utf8');
  });

  afterAll(async () => {
    await Promise.all(clones.map((p) => p.end()));
    await admin.end();
  });

  /** A copy of the honest ledger, changed by `tamper` with triggers off (what only a superuser can do). */
  async function tampered(
    tamper: (sql: PoolClient, pool: Pool) => Promise<unknown>,
  ): Promise<{ pool: Pool; exported: LedgerExport }> {
    const name = `${base}_${clones.length}`;
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${base}"`);
    const url = new URL(testInfra().databaseUrl);
    url.pathname = `/${name}`;
    const pool = new Pool({ connectionString: url.toString(), max: 4 });
    clones.push(pool);
    const client = await pool.connect();
    try {
      await client.query('SET session_replication_role = replica');
      await tamper(client, pool);
      await client.query('SET session_replication_role = origin');
    } finally {
      client.release();
    }
    return { pool, exported: JSON.parse(await ledgerExportJson(pool, identity)) };
  }

  it('verifies the honest export: 40 entries, three checkpoints, leaf hashes recorded at append time', async () => {
    const { exported } = await tampered(async () => undefined);
    expect(exported.entries).toHaveLength(40);
    expect(exported.leafHashes).toHaveLength(40);
    expect(verifyLedgerExport(exported, { trustedPublicKey: keys.verifierKey })).toMatchObject({
      ok: true,
      value: { entries: 40, checkpoints: 3, signedSize: 40 },
    });
    expect(verifyAgainstTrustedCheckpoint(exported, trustedNote)).toMatchObject({
      ok: true,
      value: { trustedSize: 25 },
    });
  });

  it('names the entry whose bytes were changed, also through custos-verify', async () => {
    const { exported } = await tampered((sql) =>
      sql.query(
        `UPDATE ledger_leaves SET entry = convert_to(replace(convert_from(entry, 'UTF8'), 'OFFICER', 'NOBODY'), 'UTF8') WHERE leaf_index = 17`,
      ),
    );
    expect(verifyLedgerExport(exported)).toMatchObject({
      ok: false,
      error: { code: 'LEDGER_ENTRY_MISMATCH', entryIndex: 17 },
    });

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-export-')), 'export.json');
    fs.writeFileSync(file, JSON.stringify(exported));
    const run = await promisify(execFile)(process.execPath, [path.join(repoRoot, 'bin/custos-verify.js'), file]).then(
      () => ({ code: 0, stdout: '' }),
      (e: { code: number; stdout: string }) => e,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('LEDGER_ENTRY_MISMATCH at index 17');
  });

  it('narrows a change made together with its recorded leaf hash to the checkpoint interval', async () => {
    const altered = Buffer.from('{"forged":true}');
    const { exported } = await tampered(async (sql) => {
      await sql.query('UPDATE ledger_leaves SET entry = $1, leaf_hash = $2 WHERE leaf_index = 17', [altered, leafHash(altered)]);
    });
    expect(verifyLedgerExport(exported)).toMatchObject({
      ok: false,
      error: { code: 'CHECKPOINT_ROOT_MISMATCH', checkpointIndex: 1, entryRange: { from: 10, to: 25 } },
    });
  });

  it('names the entry that was deleted', async () => {
    const { exported } = await tampered((sql) => sql.query('DELETE FROM ledger_leaves WHERE leaf_index = 30'));
    expect(verifyLedgerExport(exported)).toMatchObject({
      ok: false,
      error: { code: 'LEDGER_ENTRY_MISMATCH', entryIndex: 30 },
    });
  });

  it('detects an entry deleted with its leaf hash and the rest renumbered to hide the hole', async () => {
    const { exported } = await tampered(async (sql) => {
      await sql.query('DELETE FROM ledger_leaves WHERE leaf_index = 30');
      await sql.query('UPDATE ledger_leaves SET leaf_index = leaf_index + 1000000 WHERE leaf_index > 30');
      await sql.query('UPDATE ledger_leaves SET leaf_index = leaf_index - 1000001 WHERE leaf_index > 1000000');
    });
    expect(exported.entries).toHaveLength(39);
    expect(verifyLedgerExport(exported)).toMatchObject({
      ok: false,
      error: { code: 'TREE_SIZE_EXCEEDS_ENTRIES', checkpointIndex: 2, entryRange: { from: 39, to: 40 } },
    });
  });

  it('names the first of two swapped entries', async () => {
    const { exported } = await tampered((sql) =>
      sql.query(
        `UPDATE ledger_leaves a SET entry = b.entry FROM ledger_leaves b
          WHERE (a.leaf_index, b.leaf_index) IN ((5, 12), (12, 5))`,
      ),
    );
    expect(verifyLedgerExport(exported)).toMatchObject({
      ok: false,
      error: { code: 'LEDGER_ENTRY_MISMATCH', entryIndex: 5 },
    });
  });

  it('detects history truncated and re-appended, and the service refuses to sign the rewritten tree', async () => {
    const { pool, exported } = await tampered(async (sql, clone) => {
      await sql.query('TRUNCATE ledger_leaves, ledger_nodes, ledger_sequence_progress');
      await ledgerLogOn(clone).append([
        ...leaves('requests', 1, 10, 'rewritten'),
        ...leaves('custody', 1, 30, 'rewritten'),
      ]);
    });
    expect(verifyLedgerExport(exported)).toMatchObject({
      ok: false,
      error: { code: 'CHECKPOINT_ROOT_MISMATCH', checkpointIndex: 0, entryRange: { from: 0, to: 10 } },
    });
    await expect(checkpointerOn(pool).checkpointNow()).rejects.toMatchObject({ reason: 'INCONSISTENT_WITH_PREVIOUS' });
  });

  it('proves a rewrite re-signed with the log key inconsistent with a checkpoint saved earlier', async () => {
    const { exported } = await tampered(async (sql, clone) => {
      await sql.query('TRUNCATE ledger_leaves, ledger_nodes, ledger_sequence_progress, ledger_checkpoints');
      const log = ledgerLogOn(clone);
      const resigner = checkpointerOn(clone);
      for (const batch of [
        leaves('requests', 1, 10, 'x'),
        leaves('custody', 1, 15, 'x'),
        leaves('requests', 11, 15, 'x'),
      ]) {
        await log.append(batch);
        await resigner.checkpointNow();
      }
    });
    // On its own the forgery holds together: the key signed it all.
    expect(verifyLedgerExport(exported, { trustedPublicKey: keys.verifierKey })).toMatchObject({ ok: true });
    expect(verifyAgainstTrustedCheckpoint(exported, trustedNote)).toMatchObject({
      ok: false,
      error: { code: 'CHECKPOINT_INCONSISTENT', trustedCheckpoint: true },
    });
  });

  it('names the checkpoint whose signature was forged', async () => {
    const forger = ledgerKeys();
    const { exported } = await tampered(async (sql) => {
      const { rows } = await sql.query('SELECT root_hash FROM ledger_checkpoints WHERE tree_size = 25');
      const forged = signCheckpoint({ origin: ORIGIN, size: 25, rootHash: rows[0].root_hash }, forger.signer);
      await sql.query('UPDATE ledger_checkpoints SET note = $1 WHERE tree_size = 25', [forged]);
    });
    expect(verifyLedgerExport(exported)).toMatchObject({
      ok: false,
      error: { code: 'CHECKPOINT_SIGNATURE_INVALID', checkpointIndex: 1 },
    });
  });

  it('keeps every checkpoint object COMPLIANCE-locked: deleting a version is refused', async () => {
    const s3 = testS3Client();
    const objects: Array<{ name: string; versionId: string }> = [];
    for await (const item of s3.listObjects(bucket, 'checkpoints/', true, { IncludeVersion: true })) {
      objects.push({ name: item.name as string, versionId: (item as { versionId: string }).versionId });
    }
    expect(objects.map((o) => o.name).sort()).toEqual(
      [10, 25, 40].map((n) => `checkpoints/${String(n).padStart(16, '0')}.checkpoint`),
    );
    for (const { name, versionId } of objects) {
      expect(await s3.getObjectRetention(bucket, name, { versionId })).toMatchObject({ mode: 'COMPLIANCE' });
      await expect(s3.removeObject(bucket, name, { versionId, governanceBypass: true })).rejects.toThrow(
        /AccessDenied|object lock/i,
      );
      await expect(s3.statObject(bucket, name, { versionId })).resolves.toMatchObject({ size: expect.any(Number) });
    }
  });
});
