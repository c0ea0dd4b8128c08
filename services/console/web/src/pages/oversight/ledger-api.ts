import { api, unwrap } from '../../api/client';

/** The ledger's answers (services/ledger/src/api/ledger-queries.ts), as the console reads them: its OpenAPI document's types fit them. */
export interface CheckpointView {
  readonly origin: string;
  readonly publicKey: string;
  readonly treeSize: number;
  readonly rootHash: string;
  readonly checkpoint: string;
  readonly signedAt: string;
  readonly archivedAs: { readonly key: string; readonly versionId: string | null };
}

export interface EntryView {
  readonly leafIndex: number;
  readonly eventId: string;
  readonly service: string;
  readonly sequence: number;
  readonly aggregateId: string;
  readonly type: string;
  readonly entry: string;
  readonly leafHash: string;
  readonly appendedAt: string;
}

export interface AggregateHistory {
  readonly aggregateId: string;
  readonly origin: string;
  readonly publicKey: string;
  readonly treeSize: number;
  readonly checkpoint: string;
  readonly items: readonly (EntryView & { readonly event: unknown; readonly inclusionProof: readonly string[] })[];
  readonly pending: readonly EntryView[];
  readonly truncated: boolean;
}

export interface GapStatus {
  readonly checkedAt: string | null;
  readonly contiguous: boolean;
  readonly openAlarms: number;
  readonly lines: readonly string[];
}

export async function latestCheckpoint(): Promise<CheckpointView> {
  return unwrap(await api.ledger.GET('/ledger/checkpoints/latest'));
}

export async function consistencyProof(from: number, to: number): Promise<readonly string[]> {
  // The document declares no query parameters for it (the DTO is not exported to OpenAPI).
  const body = unwrap(await api.ledger.GET('/ledger/proofs/consistency', { params: { query: { from, to } as never } }));
  return body.consistencyProof;
}

export async function aggregateHistory(aggregateId: string): Promise<AggregateHistory> {
  return unwrap(await api.ledger.GET('/ledger/aggregates/{aggregateId}/history', { params: { path: { aggregateId } } }));
}

export async function gapStatus(): Promise<GapStatus> {
  return unwrap(await api.ledger.GET('/ledger/gaps'));
}
