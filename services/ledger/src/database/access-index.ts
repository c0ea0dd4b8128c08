import { inTransaction } from '@custos/eventstore';
import { Pool, PoolClient } from 'pg';
import { involvedParties, isSharedStream } from '../domain/involved-parties';

export interface LedgerAccessIndexOptions {
  readonly pool: Pool;
  /** Leaves read per transaction; 1000 by default. */
  readonly batchSize?: number;
  /** How often the index follows the log in the background; 500 ms by default. */
  readonly intervalMs?: number;
  readonly onError?: (error: unknown) => void;
}

/** What the index knows of one aggregate. */
export interface AggregateScope {
  /** The log holds at least one event of it. */
  readonly known: boolean;
  /** An access-denials or gap-alarm stream, which no involvement opens. */
  readonly shared: boolean;
  readonly organisations: readonly string[];
  /** Divisions named in its payloads, and the registered divisions of its organisations. */
  readonly divisions: readonly string[];
}

/** Everything a whole-log reader's jurisdiction has to cover. */
export interface LogScope {
  readonly divisions: readonly string[];
  /** Organisations involved somewhere whose division the registry has not told the ledger. */
  readonly unplacedOrganisations: number;
}

interface LeafRow {
  readonly leaf_index: string;
  readonly aggregate_id: string;
  readonly event_type: string;
  readonly entry: Buffer;
}

/**
 * Follows the log into the access tables (see `access.schema.ts`): after the fact, on a timer
 * and on demand, so that the ingest's hot path does nothing more per event. One pass is one
 * transaction holding the progress row, so replicas never interleave and a crash redoes a
 * whole batch (every write is idempotent). The index reads leaves in index order and stops at
 * a hole: appends become visible in index order, so a hole means a row removed behind the
 * service's back, and an index that stays behind only refuses more.
 */
export class LedgerAccessIndex {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private readonly batchSize: number;

  constructor(private readonly options: LedgerAccessIndexOptions) {
    this.batchSize = options.batchSize ?? 1000;
  }

  start(): void {
    if (this.timer !== undefined) return;
    const follow = () => void this.catchUp().catch((e) => this.options.onError?.(e));
    this.timer = setInterval(follow, this.options.intervalMs ?? 500);
    this.timer.unref();
    follow();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** Reads every leaf appended so far; concurrent callers share one run. Returns the next leaf to read. */
  catchUp(): Promise<number> {
    this.running ??= this.follow().finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * `catchUp()` for a request that waits on it: true when the index has read the whole log
   * within `ms`. A caller that gets false decides on what is indexed, which only refuses more.
   */
  async caughtUpWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    const done = this.catchUp().then(() => true);
    // A failure after the deadline is dropped here (no unhandled rejection); the next pass meets it again.
    done.catch(() => undefined);
    try {
      return await Promise.race([done, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async aggregateScope(aggregateId: string): Promise<AggregateScope> {
    const { rows } = await this.options.pool.query(
      `WITH refs AS (
         SELECT ref_id AS system_id FROM ledger_access_aggregate_refs WHERE aggregate_id = $1 AND kind = 'SYSTEM'
         UNION
         SELECT c.system_id FROM ledger_access_aggregate_refs r JOIN ledger_access_cameras c ON c.camera_id = r.ref_id
          WHERE r.aggregate_id = $1 AND r.kind = 'CAMERA')
       SELECT EXISTS (SELECT 1 FROM ledger_leaves WHERE aggregate_id = $1) AS known,
              ARRAY(SELECT organisation_id FROM ledger_access_aggregate_orgs WHERE aggregate_id = $1) AS organisations,
              ARRAY(SELECT division_code FROM ledger_access_aggregate_divisions WHERE aggregate_id = $1
                    UNION
                    SELECT o.division_code FROM ledger_access_aggregate_orgs a
                      JOIN ledger_access_organisations o USING (organisation_id)
                     WHERE a.aggregate_id = $1 AND o.division_code IS NOT NULL
                    UNION
                    SELECT s.division_code FROM refs JOIN ledger_access_systems s USING (system_id)) AS divisions`,
      [aggregateId],
    );
    const row = rows[0];
    return {
      known: row.known as boolean,
      shared: isSharedStream(aggregateId),
      organisations: row.organisations as string[],
      divisions: row.divisions as string[],
    };
  }

  async logScope(): Promise<LogScope> {
    const { rows } = await this.options.pool.query(
      `SELECT ARRAY(SELECT DISTINCT division_code FROM ledger_access_organisations WHERE division_code IS NOT NULL
                    UNION
                    SELECT division_code FROM ledger_access_divisions) AS divisions,
              (SELECT count(*) FROM ledger_access_organisations WHERE division_code IS NULL) AS unplaced`,
    );
    return { divisions: rows[0].divisions as string[], unplacedOrganisations: Number(rows[0].unplaced) };
  }

  private async follow(): Promise<number> {
    for (;;) {
      const { read, next } = await inTransaction(this.options.pool, (tx) => this.pass(tx));
      if (read < this.batchSize) return next;
    }
  }

  private async pass(tx: PoolClient): Promise<{ read: number; next: number }> {
    const { rows: progress } = await tx.query('SELECT next_leaf FROM ledger_access_progress FOR UPDATE');
    const from = Number(progress[0].next_leaf);
    const { rows } = await tx.query<LeafRow>(
      `SELECT leaf_index, aggregate_id, event_type, entry FROM ledger_leaves
        WHERE leaf_index >= $1 AND leaf_index < $1::bigint + $2 ORDER BY leaf_index`,
      [from, this.batchSize],
    );
    const aggregateOrgs = new Map<string, [string, string]>();
    const aggregateDivisions = new Map<string, [string, string]>();
    const aggregateRefs = new Map<string, [string, string, string]>();
    const organisations = new Set<string>();
    const divisions = new Set<string>();
    // The latest fact in log order wins: a later map entry replaces an earlier one.
    const placements = new Map<string, [string, number]>();
    const systems = new Map<string, [string, number]>();
    const cameras = new Map<string, [string, number]>();
    let next = from;
    for (const row of rows) {
      if (Number(row.leaf_index) !== next) break;
      const aggregate = row.aggregate_id;
      const parties = involvedParties(row.entry, aggregate, row.event_type);
      for (const org of parties.organisations) {
        aggregateOrgs.set(`${aggregate}\u0000${org}`, [aggregate, org]);
        organisations.add(org);
      }
      for (const division of parties.divisions) {
        aggregateDivisions.set(`${aggregate}\u0000${division}`, [aggregate, division]);
        divisions.add(division);
      }
      for (const [kind, ids] of [['SYSTEM', parties.systems], ['CAMERA', parties.cameras]] as const) {
        for (const id of ids) aggregateRefs.set(`${aggregate}\u0000${kind}\u0000${id}`, [aggregate, kind, id]);
      }
      if (parties.placement) placements.set(parties.placement.organisationId, [parties.placement.divisionCode, next]);
      if (parties.systemPlacement) systems.set(parties.systemPlacement.systemId, [parties.systemPlacement.divisionCode, next]);
      if (parties.cameraPlacement) cameras.set(parties.cameraPlacement.cameraId, [parties.cameraPlacement.systemId, next]);
      next++;
    }
    if (next === from) return { read: 0, next };
    await tx.query(
      `INSERT INTO ledger_access_aggregate_orgs (aggregate_id, organisation_id)
       SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
      columns(aggregateOrgs.values(), 2),
    );
    await tx.query(
      `INSERT INTO ledger_access_aggregate_divisions (aggregate_id, division_code)
       SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
      columns(aggregateDivisions.values(), 2),
    );
    await tx.query(
      `INSERT INTO ledger_access_aggregate_refs (aggregate_id, kind, ref_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
      columns(aggregateRefs.values(), 3),
    );
    await tx.query(
      `INSERT INTO ledger_access_organisations (organisation_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`,
      [[...organisations]],
    );
    await tx.query(
      `INSERT INTO ledger_access_divisions (division_code) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`,
      [[...divisions]],
    );
    // The latest registry fact in log order wins: an organisation's division, where a system stands, a camera's system.
    await placeLatest(tx, 'ledger_access_organisations', 'organisation_id', 'division_code', placements);
    await placeLatest(tx, 'ledger_access_systems', 'system_id', 'division_code', systems);
    await placeLatest(tx, 'ledger_access_cameras', 'camera_id', 'system_id', cameras);
    await tx.query('UPDATE ledger_access_progress SET next_leaf = $1', [next]);
    return { read: next - from, next };
  }
}

/** Rows as column arrays, for `unnest($1::text[], …)`. */
function columns<T extends unknown[]>(values: Iterable<T>, width: number): unknown[][] {
  const list = [...values];
  return Array.from({ length: width }, (_, i) => list.map((v) => v[i]));
}

/**
 * Upserts `key → (value, leaf)` into one of the placement tables, keeping for each key the fact
 * of the latest leaf. Table and column names are this file's constants, never input.
 */
async function placeLatest(
  tx: PoolClient,
  table: string,
  key: string,
  value: string,
  facts: Map<string, [string, number]>,
): Promise<void> {
  await tx.query(
    `INSERT INTO ${table} (${key}, ${value}, placed_at_leaf)
     SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
     ON CONFLICT (${key}) DO UPDATE SET ${value} = EXCLUDED.${value}, placed_at_leaf = EXCLUDED.placed_at_leaf
      WHERE ${table}.placed_at_leaf IS NULL OR ${table}.placed_at_leaf < EXCLUDED.placed_at_leaf`,
    columns([...facts].map(([k, [v, at]]) => [k, v, at]), 3),
  );
}
