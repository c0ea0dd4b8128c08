import { PageDtoOf } from '@custos/platform';
import { ApiProperty } from '@nestjs/swagger';
import type { AggregateHistory, CheckpointView, EntryView, HistoryItem, InclusionView } from './ledger-queries';

/** The ledger's answers as the OpenAPI document describes them (the console's types come from it). */
export class ArchivedAsDto {
  @ApiProperty() key!: string;
  @ApiProperty({ type: 'string', nullable: true }) versionId!: string | null;
}

export class CheckpointViewDto implements CheckpointView {
  @ApiProperty() origin!: string;
  @ApiProperty({ description: 'The Ed25519 public key, as a C2SP verifier key' }) publicKey!: string;
  @ApiProperty({ type: 'integer' }) treeSize!: number;
  @ApiProperty({ description: 'Base64 of the RFC 6962 root hash' }) rootHash!: string;
  @ApiProperty({ description: 'The signed note (C2SP tlog-checkpoint), verifiable offline' }) checkpoint!: string;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
  @ApiProperty({ type: ArchivedAsDto, description: 'Where its write-once copy lies in the object store' }) archivedAs!: ArchivedAsDto;
}

export class EntryViewDto implements EntryView {
  @ApiProperty({ type: 'integer' }) leafIndex!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() service!: string;
  @ApiProperty({ type: 'integer' }) sequence!: number;
  @ApiProperty() aggregateId!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ description: 'Base64 of the exact bytes hashed into the log' }) entry!: string;
  @ApiProperty() leafHash!: string;
  @ApiProperty({ format: 'date-time' }) appendedAt!: string;
}

export class EntriesDto extends PageDtoOf(EntryViewDto) {
  @ApiProperty({ type: 'integer' }) treeSize!: number;
}

export class InclusionViewDto implements InclusionView {
  @ApiProperty({ type: 'integer' }) leafIndex!: number;
  @ApiProperty({ type: 'integer' }) treeSize!: number;
  @ApiProperty() leafHash!: string;
  @ApiProperty({ type: [String] }) inclusionProof!: string[];
  @ApiProperty({ type: 'string', nullable: true, description: 'The signed checkpoint of treeSize, when one was published at exactly that size' })
  checkpoint!: string | null;
  @ApiProperty({ type: EntryViewDto }) entry!: EntryViewDto;
}

export class ConsistencyDto {
  @ApiProperty({ type: 'integer' }) from!: number;
  @ApiProperty({ type: 'integer' }) to!: number;
  @ApiProperty({ type: [String] }) consistencyProof!: string[];
}

export class HistoryItemDto extends EntryViewDto implements HistoryItem {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event itself (the entry, parsed)' }) event!: unknown;
  @ApiProperty({ type: [String] }) inclusionProof!: string[];
}

export class AggregateHistoryDto implements AggregateHistory {
  @ApiProperty() aggregateId!: string;
  @ApiProperty() origin!: string;
  @ApiProperty() publicKey!: string;
  @ApiProperty({ type: 'integer' }) treeSize!: number;
  @ApiProperty() checkpoint!: string;
  @ApiProperty({ type: [HistoryItemDto], description: 'Events covered by the checkpoint, each with its proof against it' }) items!: HistoryItemDto[];
  @ApiProperty({ type: [EntryViewDto], description: 'Events appended after the checkpoint' }) pending!: EntryViewDto[];
  @ApiProperty({ description: 'True when the aggregate has more than the first 10 000 events shown' }) truncated!: boolean;
}

export class GapStatusDto {
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) checkedAt!: string | null;
  @ApiProperty({ description: 'False while any alarm is open' }) contiguous!: boolean;
  @ApiProperty({ type: 'integer' }) openAlarms!: number;
  @ApiProperty({ type: [String] }) lines!: string[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) services!: object[];
}
