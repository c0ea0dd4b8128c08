import { EventDefinition } from './event-registry';
import { AccessDenied } from './registry/registry-events';

/**
 * A refused access to a service's API (R3.1, R5.1, R16.6, R26.1), as recorded by @custos/auth:
 * every service writes its own denials to its own event log, as `<service>.AccessDenied`, so
 * they reach the ledger like every other event.
 *
 * The payload class is the one the registry has published as `registry.AccessDenied` since its
 * first release: one schema for every service, byte-compatible with the registry's events.
 */
export { AccessDenied };

/** The schema version of every `<service>.AccessDenied` event. */
export const ACCESS_DENIED_SCHEMA_VERSION = 1;

/** `<service>.AccessDenied`, e.g. `registry.AccessDenied`, `requests.AccessDenied`. */
export function accessDeniedEventType(service: string): string {
  return `${service}.AccessDenied`;
}

/** The stream a service's denials are appended to (expectedVersion 'any'): `access-denials:<service>`. */
export function accessDenialsStream(service: string): string {
  return `access-denials:${service}`;
}

/** The EventRegistry definition of `<service>.AccessDenied`: `registry.register(accessDeniedDefinition('requests'))`. */
export function accessDeniedDefinition(service: string): EventDefinition {
  return { type: accessDeniedEventType(service), schemaVersion: ACCESS_DENIED_SCHEMA_VERSION, payload: AccessDenied };
}
