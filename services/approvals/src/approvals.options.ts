import { DEFAULT_RULE_PACK_CONFIG, RulePackConfig } from '@custos/domain';
import type { BusOptions, EventTransport } from '@custos/eventstore';
import { HttpApprovalsRegistryOptions } from './registry/http-registry-facts';
import { ApprovalsRegistryFacts } from './registry/registry-facts.port';
import { Clock } from './approvals.tokens';

export interface ApprovalsModuleOptions {
  /** The service's own database (event store, inbox, queue, signing keys, counters). */
  readonly databaseUrl: string;
  /** The bus: its settings (`eventBusOf(config)`; the kernel opens and closes it), or a transport of the caller's (tests). */
  readonly transport: BusOptions | EventTransport;
  readonly topicPrefix?: string;
  readonly registry: ApprovalsRegistryFacts | { readonly http: HttpApprovalsRegistryOptions };
  /** Secret (≥ 16 characters) from which the key wrapping the organs' private signing keys is derived. */
  readonly keyEncryptionSecret: string;
  /** Validity of an approval document unless the approver asks for less; default 30 days. */
  readonly documentValidityMs?: number;
  /** Longest validity an approver may give; default 90 days. */
  readonly maxDocumentValidityMs?: number;
  /** The rule packs and how they compose (issue 21); default `DEFAULT_RULE_PACK_CONFIG`. */
  readonly rulePacks?: RulePackConfig;
  /** Start the outbox relay and the requests consumer with the application; default true. */
  readonly runWorkers?: boolean;
  readonly consumerGroup?: string;
  readonly clock?: Clock;
}

export interface ResolvedApprovalsOptions extends ApprovalsModuleOptions {
  readonly documentValidityMs: number;
  readonly maxDocumentValidityMs: number;
  readonly rulePacks: RulePackConfig;
  readonly runWorkers: boolean;
  readonly consumerGroup: string;
  readonly clock: Clock;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function resolveApprovalsOptions(options: ApprovalsModuleOptions): ResolvedApprovalsOptions {
  return {
    ...options,
    documentValidityMs: options.documentValidityMs ?? 30 * DAY_MS,
    maxDocumentValidityMs: options.maxDocumentValidityMs ?? 90 * DAY_MS,
    rulePacks: options.rulePacks ?? DEFAULT_RULE_PACK_CONFIG,
    runWorkers: options.runWorkers ?? true,
    consumerGroup: options.consumerGroup ?? 'approvals.request-events',
    clock: options.clock ?? (() => new Date()),
  };
}
