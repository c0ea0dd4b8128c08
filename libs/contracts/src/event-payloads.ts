import type { AccessDenied } from './access-denied';
import type { APPROVALS_EVENTS } from './approvals/approvals-events';
import type { CUSTODY_EVENTS } from './custody/custody-events';
import type { ServiceName } from './envelope';
import type { EventDefinition } from './event-registry';
import type { LEDGER_EVENTS } from './ledger/ledger-events';
import type { OVERSIGHT_EVENTS } from './oversight/oversight-events';
import type { QuarantinedEventResolved } from './quarantine-resolved';
import type { REGISTRY_EVENTS } from './registry/registry-events';
import type { REQUESTS_EVENTS } from './requests/requests-events';
import type { STORAGE_EVENTS } from './storage/storage-events';

/** `{ [type]: payload }` of a list of event definitions (declared `as const`). */
type PayloadsOf<D extends readonly EventDefinition[]> = { [E in D[number] as E['type']]: InstanceType<E['payload']> };

/**
 * Every event type of Custos and the (current, upcast) payload its handlers receive, derived
 * from the services' definition lists, so a payload class and its type name are written once.
 * Every service also records its access denials and quarantine decisions under its own name.
 */
export type EventPayloads = PayloadsOf<typeof REGISTRY_EVENTS> &
  PayloadsOf<typeof REQUESTS_EVENTS> &
  PayloadsOf<typeof APPROVALS_EVENTS> &
  PayloadsOf<typeof CUSTODY_EVENTS> &
  PayloadsOf<typeof STORAGE_EVENTS> &
  PayloadsOf<typeof LEDGER_EVENTS> &
  PayloadsOf<typeof OVERSIGHT_EVENTS> & { readonly [T in `${ServiceName}.AccessDenied`]: AccessDenied } & {
    readonly [T in `${ServiceName}.QuarantinedEventResolved`]: QuarantinedEventResolved;
  };

/** A type name of the contracts, e.g. `requests.RequestFiled`. */
export type EventType = keyof EventPayloads & string;

/** The payload of an event type: `PayloadOf<typeof REQUEST_FILED>` is `RequestFiled`. */
export type PayloadOf<T extends EventType> = EventPayloads[T];

/**
 * The payload of `event` typed as `type`'s, or undefined when it is another type. Sound for an
 * event decoded by an `EventRegistry` (or read back from a store that decoded it when it was
 * appended): decoding upcasts the payload to its current version and validates it against the
 * very class `PayloadOf` names.
 */
export function payloadIf<T extends EventType>(
  event: { readonly type: string; readonly payload: object },
  type: T,
): PayloadOf<T> | undefined {
  return event.type === type ? (event.payload as PayloadOf<T>) : undefined;
}
