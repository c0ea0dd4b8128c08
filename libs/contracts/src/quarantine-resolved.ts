import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { EventDefinition } from './event-registry';

/**
 * An operator's decision on an event that a projection or consumer of the service could not
 * apply and set aside (quarantined): replayed (applied again, after a fix) or skipped (never
 * applied). Each service writes it to its own event log, as `<service>.QuarantinedEventResolved`,
 * so the decision and its reason reach the ledger like every other event.
 */
export class QuarantinedEventResolved {
  /** The projection or consumer that set the event aside. */
  @IsString() @MaxLength(200) reader!: string;
  @IsString() @MaxLength(200) eventId!: string;
  @IsString() @MaxLength(300) aggregateId!: string;
  @IsIn(['REPLAY', 'SKIP']) decision!: string;
  @IsString() @MaxLength(2000) reason!: string;
  /** Why the event was set aside. */
  @IsString() @MaxLength(2000) error!: string;
  /** Later events of the same aggregate that waited behind it and were applied with it. */
  @IsInt() @Min(0) released!: number;
  @IsOptional() @IsInt() @Min(1) sequence?: number;
}

export const QUARANTINE_RESOLVED_SCHEMA_VERSION = 1;

/** `<service>.QuarantinedEventResolved`, e.g. `registry.QuarantinedEventResolved`. */
export function quarantineResolvedEventType(service: string): string {
  return `${service}.QuarantinedEventResolved`;
}

/** The stream a service's quarantine decisions are appended to (expectedVersion 'any'). */
export function quarantineDecisionsStream(service: string): string {
  return `quarantine-decisions:${service}`;
}

/** The EventRegistry definition: `registry.register(quarantineResolvedDefinition('registry'))`. */
export function quarantineResolvedDefinition(service: string): EventDefinition {
  return { type: quarantineResolvedEventType(service), schemaVersion: QUARANTINE_RESOLVED_SCHEMA_VERSION, payload: QuarantinedEventResolved };
}
