import { AccessDenial, AccessDenialRecorder } from '@custos/auth';
import { AccessDenied, accessDenialsStream, accessDeniedEventType, ACCESS_DENIED_SCHEMA_VERSION } from '@custos/contracts';
import { EventStore } from '@custos/eventstore';
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

/** How long anonymous denials of one code, route pattern and source are counted into one event. */
export const DEFAULT_DENIAL_WINDOW_MS = 60_000;
/** Distinct (code, route, source) keys kept per window; past it, sources are counted together as `*`. */
export const MAX_DENIAL_KEYS_PER_WINDOW = 1_000;
/** The route of a denial no route matched. */
const UNMATCHED = '(unmatched)';

interface Tally {
  readonly first: AccessDenial;
  readonly route: string;
  readonly source: string;
  count: number;
}

export interface AccessDenialRecorderOptions {
  /** The aggregation window of anonymous denials (default 60 s). */
  readonly windowMs?: number;
  readonly clock?: () => Date;
}

/**
 * Writes a service's refused accesses to its own event log as `<service>.AccessDenied`, so they
 * reach the ledger like every other event (R3.1, R5.1, R16.6). Denials are independent facts:
 * one stream per service (`access-denials:<service>`), appended at any version.
 *
 * An authenticated refusal is one event: it names who was refused. An anonymous one names no
 * one and costs the caller nothing, so it is counted instead (issue 16: no one can flood the
 * audit trail): one event per code, route pattern and source per window, with the count, and
 * the route pattern in place of the raw path the caller chose. The tallies are bounded in
 * number, written when their window closes and when the application stops.
 *
 * The store's EventRegistry must know the type: register `accessDeniedDefinition(service)`
 * (the registry's `REGISTRY_EVENTS` already holds `registry.AccessDenied`).
 */
export class EventStoreAccessDenialRecorder implements AccessDenialRecorder {
  private readonly logger = new Logger('AccessDenial');
  private readonly windowMs: number;
  private readonly clock: () => Date;
  private tallies = new Map<string, Tally>();
  private windowStart: Date | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly service: string,
    options: AccessDenialRecorderOptions = {},
  ) {
    this.windowMs = options.windowMs ?? DEFAULT_DENIAL_WINDOW_MS;
    this.clock = options.clock ?? (() => new Date());
  }

  async record(denial: AccessDenial): Promise<void> {
    if (!denial.subject) {
      this.count(denial);
      return;
    }
    await this.append([{ ...this.payloadOf(denial), path: denial.path.slice(0, 2000) }], denial);
  }

  /** Writes the open window's tallies now; the application's shutdown calls it. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const tallies = [...this.tallies.values()];
    const windowStart = (this.windowStart ?? this.clock()).toISOString();
    this.tallies = new Map();
    this.windowStart = undefined;
    if (tallies.length === 0) return;
    const windowEnd = this.clock().toISOString();
    const payloads = tallies.map(
      (t): AccessDenied => ({
        ...this.payloadOf(t.first),
        path: t.route,
        route: t.route,
        source: t.source,
        count: t.count,
        windowStart,
        windowEnd,
      }),
    );
    await this.append(payloads);
  }

  /** Before the pools close (onApplicationShutdown), the open window is written. */
  async onModuleDestroy(): Promise<void> {
    await this.flush().catch((error: unknown) => this.logLost(error));
  }

  private count(denial: AccessDenial): void {
    const route = (denial.route ?? UNMATCHED).slice(0, 200);
    let source = (denial.source ?? 'unknown').slice(0, 100);
    let key = JSON.stringify([denial.code, route, source]);
    if (!this.tallies.has(key) && this.tallies.size >= MAX_DENIAL_KEYS_PER_WINDOW) {
      source = '*';
      key = JSON.stringify([denial.code, route, source]);
    }
    const tally = this.tallies.get(key);
    if (tally) tally.count += 1;
    else this.tallies.set(key, { first: denial, route, source, count: 1 });
    if (!this.timer) {
      this.windowStart = this.clock();
      this.timer = setTimeout(() => {
        this.flush().catch((error: unknown) => this.logLost(error));
      }, this.windowMs);
      this.timer.unref();
    }
  }

  private logLost(error: unknown): void {
    this.logger.error(
      JSON.stringify({ event: 'auth.denialNotRecorded', error: error instanceof Error ? error.message : String(error) }),
    );
  }

  private payloadOf(denial: AccessDenial): AccessDenied {
    return {
      code: denial.code,
      status: denial.status,
      rule: denial.rule,
      method: denial.method,
      path: denial.path,
      reason: denial.reason.slice(0, 2000),
      at: denial.at,
      ...(denial.subject ? { subject: denial.subject } : {}),
      ...(denial.organisationId ? { organisationId: denial.organisationId } : {}),
      ...(denial.correlationId ? { correlationId: denial.correlationId } : {}),
    };
  }

  private async append(payloads: AccessDenied[], denial?: AccessDenial): Promise<void> {
    await this.store.append({
      aggregateId: accessDenialsStream(this.service),
      expectedVersion: 'any',
      events: payloads.map((payload) => ({
        type: accessDeniedEventType(this.service),
        schemaVersion: ACCESS_DENIED_SCHEMA_VERSION,
        payload: { ...payload },
        actor: {
          subject: denial?.subject ?? 'anonymous',
          ...(denial?.organisationId ? { organisationId: denial.organisationId } : {}),
        },
        correlationId: payload.correlationId ?? randomUUID(),
      })),
    });
  }
}
