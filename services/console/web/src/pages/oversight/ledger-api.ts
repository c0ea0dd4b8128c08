import { api, unwrap } from '../../api/client';
import type { components } from '../../api/ledger';

type LedgerSchema = components['schemas'];

/** The ledger's answers as its OpenAPI document describes them (the console's types are generated from it). */
export type CheckpointView = LedgerSchema['CheckpointViewDto'];
export type AggregateHistory = LedgerSchema['AggregateHistoryDto'];
export type GapStatus = LedgerSchema['GapStatusDto'];

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
