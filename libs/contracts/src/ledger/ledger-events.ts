import { IsInt, IsISO8601, IsString, Matches, Min } from 'class-validator';
import { EventDefinition } from '../event-registry';

/**
 * The audit ledger's own facts (ARCHITECTURE.md "The audit ledger": a missing sequence number
 * is an alarm, not a silence). The aggregate is the watched service's gap record,
 * `sequence-gaps:<service>`; the ledger appends these to its own event store, so they reach
 * the Merkle log like every other event.
 */
export const LEDGER_SEQUENCE_GAP_DETECTED = 'ledger.SequenceGapDetected';
export const LEDGER_SEQUENCE_GAP_CLOSED = 'ledger.SequenceGapClosed';

/** Sequence numbers `fromSequence..toSequence` of `sourceService` stayed missing past the grace period. */
export class SequenceGapDetected {
  @IsString() @Matches(/^[a-z][a-z-]*$/) sourceService!: string;
  @IsInt() @Min(1) fromSequence!: number;
  @IsInt() @Min(1) toSequence!: number;
  /** The highest sequence number of the service the ledger held when it raised the alarm. */
  @IsInt() @Min(1) highestSeen!: number;
  /** When the ledger first held a later number than the missing ones. */
  @IsISO8601() noticedAt!: string;
  @IsInt() @Min(0) graceMs!: number;
}

/** Every number of a gap the ledger raised an alarm for has arrived. */
export class SequenceGapClosed {
  @IsString() @Matches(/^[a-z][a-z-]*$/) sourceService!: string;
  @IsInt() @Min(1) fromSequence!: number;
  @IsInt() @Min(1) toSequence!: number;
  /** The `ledger.SequenceGapDetected` event this closes. */
  @IsString() detectedEventId!: string;
}

export const LEDGER_EVENTS = [
  { type: LEDGER_SEQUENCE_GAP_DETECTED, schemaVersion: 1, payload: SequenceGapDetected },
  { type: LEDGER_SEQUENCE_GAP_CLOSED, schemaVersion: 1, payload: SequenceGapClosed },
] as const satisfies readonly EventDefinition[];

/** The aggregate holding one watched service's gap alarms. */
export function sequenceGapsAggregateId(service: string): string {
  return `sequence-gaps:${service}`;
}
