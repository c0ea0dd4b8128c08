import { DEFAULT_FULFILMENT_DEADLINE_MS, DEFAULT_OFFICER_POLICY, DEFAULT_RULE_PACK_CONFIG, FulfilmentKind, OfficerPolicy, RulePackConfig } from '@custos/domain';
import type { BusOptions, EventTransport } from '@custos/eventstore';
import { HttpRegistryFactsOptions } from './registry/http-registry-facts';
import { RequestsRegistryFacts } from './registry/registry-facts.port';
import { Clock } from './requests.tokens';

export interface RequestsModuleOptions {
  /** The service's own database (event store, outbox, inbox, read models). */
  readonly databaseUrl: string;
  /** The bus: its settings (`eventBusOf(config)`; the kernel opens and closes it), or a transport of the caller's (tests). */
  readonly transport: BusOptions | EventTransport;
  readonly topicPrefix?: string;
  /** The registry port: an adapter instance, or the registry service's HTTP API. */
  readonly registry: RequestsRegistryFacts | { readonly http: HttpRegistryFactsOptions };
  /** How long a filed request waits for the second officer (R18.1); default 24 h. */
  readonly coSignTimeoutMs?: number;
  /** How often stale requests are expired; 0 turns the timer off (tests call `expireStale`). Default 60 s. */
  readonly expiryIntervalMs?: number;
  /**
   * How long an owner has to fulfil a request once it is ready (R16.5), per kind; an item past
   * it is shown overdue. Defaults: a view 24 h, a copy or retrieval 72 h (a policy, not the text).
   */
  readonly fulfilmentDeadlineMs?: Partial<Record<FulfilmentKind, number>>;
  /** Longest direct-access grant an officer may ask for (R17.4); default 7 days. */
  readonly maxDirectAccessGrantMs?: number;
  /** The policies beyond R18.1's "at least two officers"; default `DEFAULT_OFFICER_POLICY`. */
  readonly officerPolicy?: OfficerPolicy;
  /** The rule packs and how they compose (issue 21); default `DEFAULT_RULE_PACK_CONFIG`. */
  readonly rulePacks?: RulePackConfig;
  /** How often overdue requests are escalated to the supervising PSB (R16.5); 0 turns the timer off (tests call `escalateOverdue`). Default 60 s. */
  readonly escalationIntervalMs?: number;
  /** Start the outbox relay and the approvals consumer with the application; default true. */
  readonly runWorkers?: boolean;
  /** Consumer group (and inbox name) for the approvals service's events. */
  readonly consumerGroup?: string;
  readonly clock?: Clock;
}

export interface ResolvedRequestsOptions extends RequestsModuleOptions {
  readonly coSignTimeoutMs: number;
  readonly expiryIntervalMs: number;
  readonly escalationIntervalMs: number;
  readonly maxDirectAccessGrantMs: number;
  readonly fulfilmentDeadlineMs: Record<FulfilmentKind, number>;
  readonly officerPolicy: OfficerPolicy;
  readonly rulePacks: RulePackConfig;
  readonly runWorkers: boolean;
  readonly consumerGroup: string;
  readonly clock: Clock;
}

const HOUR_MS = 60 * 60 * 1000;

/** The kinds an owner fulfils (a direct access is executed by the organ itself, R17.4); the rule is libs/domain's. */
export type { FulfilmentKind };

export function resolveRequestsOptions(options: RequestsModuleOptions): ResolvedRequestsOptions {
  return {
    ...options,
    coSignTimeoutMs: options.coSignTimeoutMs ?? 24 * HOUR_MS,
    expiryIntervalMs: options.expiryIntervalMs ?? 60_000,
    escalationIntervalMs: options.escalationIntervalMs ?? 60_000,
    maxDirectAccessGrantMs: options.maxDirectAccessGrantMs ?? 7 * 24 * HOUR_MS,
    fulfilmentDeadlineMs: { ...DEFAULT_FULFILMENT_DEADLINE_MS, ...options.fulfilmentDeadlineMs },
    officerPolicy: options.officerPolicy ?? DEFAULT_OFFICER_POLICY,
    rulePacks: options.rulePacks ?? DEFAULT_RULE_PACK_CONFIG,
    runWorkers: options.runWorkers ?? true,
    consumerGroup: options.consumerGroup ?? 'requests.approval-decisions',
    clock: options.clock ?? (() => new Date()),
  };
}
