/** Who caused an event: a person acting for an organisation in a role, or a service. */
export interface Actor {
  readonly subject: string;
  readonly personId?: string;
  readonly organisationId?: string;
  readonly roles?: readonly string[];
}

/**
 * The one event envelope of Custos (ARCHITECTURE.md "How a step flows"). Events are facts in
 * the past tense; `type` is `<service>.<EventName>` and is never renamed once published; a
 * change of shape is a new `schemaVersion` with an upcaster.
 */
export interface EventEnvelope<P = Record<string, unknown>> {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly aggregateId: string;
  readonly aggregateVersion: number;
  readonly occurredAt: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly payload: P;
  /** Gap-free per-service number assigned at commit; lets the ledger tell a gap from a delay. */
  readonly sequence: number;
  /** The service whose event store holds the event (its sequence space). */
  readonly service: string;
  /**
   * The W3C trace context of the append that stored the event (issue 15), present only when the
   * service exports traces: a consumer's span continues it, across the bus.
   */
  readonly trace?: EventTraceContext;
}

/** W3C trace context (`traceparent`, `tracestate`) as an envelope carries it. */
export interface EventTraceContext {
  readonly traceparent: string;
  readonly tracestate?: string;
}

/** What a command handler decides: an event before the store gives it its place. */
export type PendingEvent<P = Record<string, unknown>> = Omit<
  EventEnvelope<P>,
  'id' | 'aggregateId' | 'aggregateVersion' | 'sequence' | 'service' | 'occurredAt' | 'causationId'
> & { readonly id?: string; readonly occurredAt?: string; readonly causationId?: string | null };

/** The services whose events the ledger records and the topic job creates; oversight's acts (R19.1–R27.1) are legal acts too. */
export const SERVICES = ['registry', 'requests', 'approvals', 'custody', 'storage', 'ledger', 'oversight'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Kafka topic of a service's events (key = aggregate id, header `event-id`). */
export function eventTopic(service: string, prefix = ''): string {
  return `${prefix}custos.${service}.events.v1`;
}
