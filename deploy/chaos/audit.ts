// The figures of the chaos run, read from the databases after the system settled: every event
// of every service must be a ledger leaf exactly once, in sequence, and no command's effect may
// be there twice.
import type { EventLogs } from './lifecycles';
import type { LifecycleResult } from './lifecycles';

export interface Figures {
  readonly fault: string;
  readonly lifecycles: { readonly acknowledged: number; readonly completed: number; readonly stuck: number };
  readonly eventsPerService: Record<string, number>;
  readonly leavesPerService: Record<string, number>;
  /** Events committed by a service that are no ledger leaf. */
  readonly lost: number;
  /** Ledger leaves of one (service, sequence) more than once, plus command effects committed twice. */
  readonly duplicated: number;
  /** Sequence numbers missing in the ledger below the highest one it holds, per service. */
  readonly gaps: number;
  readonly timeToReadyMs?: number;
  /** Service processes that ended by themselves (not killed by the run) so far: each was started again. */
  readonly unexpectedExits: readonly string[];
  readonly stuckAt: readonly string[];
  readonly duplicates: readonly string[];
}

/** Command effects that must exist once per key: a second one is a duplicate the system let through. */
const ONCE_PER_KEY: readonly { service: string; type: string; key: string }[] = [
  { service: 'requests', type: 'requests.RequestFiled', key: "envelope->'payload'->>'caseReference'" },
  { service: 'approvals', type: 'approvals.ApprovalCaseOpened', key: "envelope->'payload'->>'requestId'" },
  { service: 'approvals', type: 'approvals.ApprovalGranted', key: "envelope->'payload'->>'requestId'" },
  { service: 'storage', type: 'storage.ExportPackaged', key: "envelope->'payload'->>'requestId'" },
  { service: 'custody', type: 'custody.EvidenceItemOpened', key: "envelope->'payload'->>'exportId'" },
  { service: 'custody', type: 'custody.ViewingSessionOpened', key: "envelope->'payload'->>'requestId'" },
  { service: 'custody', type: 'custody.HandOverInitiated', key: 'aggregate_id' },
];

interface LedgerState {
  readonly eventsPerService: Record<string, number>;
  readonly leavesPerService: Record<string, number>;
  readonly lost: number;
  readonly leafDuplicates: number;
  readonly gaps: number;
}

async function ledgerState(logs: EventLogs, services: readonly string[]): Promise<LedgerState> {
  const leaves = await logs
    .pool('ledger')
    .query<{ service: string; service_sequence: string; event_id: string }>('SELECT service, service_sequence, event_id FROM ledger_leaves');
  const leafIds = new Set(leaves.rows.map((r) => r.event_id));
  const eventsPerService: Record<string, number> = {};
  const leavesPerService: Record<string, number> = {};
  let lost = 0;
  let gaps = 0;
  let leafDuplicates = 0;
  for (const service of services) {
    const events = await logs.pool(service).query<{ id: string }>('SELECT id FROM es_events');
    eventsPerService[service] = events.rowCount ?? 0;
    lost += events.rows.filter((e) => !leafIds.has(e.id)).length;
    const sequences = leaves.rows.filter((r) => r.service === service).map((r) => Number(r.service_sequence));
    leavesPerService[service] = sequences.length;
    const distinct = new Set(sequences);
    leafDuplicates += sequences.length - distinct.size;
    const highest = sequences.length > 0 ? Math.max(...sequences) : 0;
    gaps += highest - distinct.size;
  }
  return { eventsPerService, leavesPerService, lost, leafDuplicates, gaps };
}

async function commandDuplicates(logs: EventLogs): Promise<string[]> {
  const found: string[] = [];
  for (const { service, type, key } of ONCE_PER_KEY) {
    const { rows } = await logs
      .pool(service)
      .query<{ key: string; n: string }>(
        `SELECT ${key} AS key, count(*) AS n FROM es_events WHERE type = $1 GROUP BY 1 HAVING count(*) > 1`,
        [type],
      );
    found.push(...rows.map((r) => `${type} ×${r.n} for ${r.key}`));
  }
  return found;
}

/**
 * Waits until every committed event is a ledger leaf (or `settleMs` passed), then counts. The
 * ledger's own events are leaves too (its relay publishes them like any service's).
 */
export async function settleAndCount(
  logs: EventLogs,
  services: readonly string[],
  fault: string,
  results: readonly LifecycleResult[],
  settleMs: number,
  timeToReadyMs: number | undefined,
  unexpectedExits: readonly string[],
): Promise<Figures> {
  const deadline = Date.now() + settleMs;
  let state: LedgerState | undefined;
  for (;;) {
    state = await ledgerState(logs, services).catch(() => state);
    if ((state && state.lost === 0) || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  if (!state) throw new Error('the databases could not be read');
  const duplicates = await commandDuplicates(logs);
  return {
    fault,
    lifecycles: {
      acknowledged: results.filter((r) => r.acknowledged).length,
      completed: results.filter((r) => r.completed).length,
      stuck: results.filter((r) => r.acknowledged && !r.completed).length,
    },
    eventsPerService: state.eventsPerService,
    leavesPerService: state.leavesPerService,
    lost: state.lost,
    duplicated: state.leafDuplicates + duplicates.length,
    gaps: state.gaps,
    timeToReadyMs,
    unexpectedExits,
    stuckAt: results.filter((r) => r.acknowledged && !r.completed).map((r) => `${r.caseReference}: ${r.stuckAt}`),
    duplicates,
  };
}

export function formatFigures(f: Figures): string {
  const perService = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ');
  const lines = [
    `── after: ${f.fault}`,
    `   lifecycles  acknowledged ${f.lifecycles.acknowledged}, completed ${f.lifecycles.completed}, stuck ${f.lifecycles.stuck}`,
    `   events      ${perService(f.eventsPerService)}`,
    `   leaves      ${perService(f.leavesPerService)}`,
    `   lost ${f.lost}, duplicated ${f.duplicated}, gaps ${f.gaps}` +
      (f.timeToReadyMs === undefined ? '' : `, time to ready ${(f.timeToReadyMs / 1000).toFixed(1)} s`) +
      `, services that ended by themselves ${f.unexpectedExits.length}`,
    ...(f.unexpectedExits.length > 0 ? [`   ended by themselves: ${f.unexpectedExits.join(', ')}`] : []),
    ...f.stuckAt.slice(0, 5).map((s) => `   stuck: ${s}`),
    ...f.duplicates.slice(0, 5).map((s) => `   duplicate: ${s}`),
  ];
  return `${lines.join('\n')}\n`;
}
