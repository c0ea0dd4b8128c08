import { useQuery } from '@tanstack/react-query';
import type { components } from '../../api/custody';
import { api, unwrap } from '../../api/client';
import { idsOf, type AnyStep } from '../officer/timeline';
import { useNames } from '../officer/officer-ui';
import { aggregateHistory } from './ledger-api';
import { PINNED_KEY_STORAGE } from './pinned-key';
import { inclusionHolds, openSigned } from './verify/ledger-proofs';

export type EvidenceItem = components['schemas']['EvidenceItemViewDto'];
export type CustodyStep = components['schemas']['CustodyTimelineStepDto'];

/** The ledger's aggregate id of an evidence item (libs/contracts `evidenceItemAggregateId`). */
export const evidenceAggregateId = (evidenceItemId: string) => `evidence-item:${evidenceItemId}`;

/** Where the item's evidence bundle downloads through the gateway (the QR code's target on the report). */
export const evidenceBundleUrl = (evidenceItemId: string) =>
  `${window.location.origin}/api/ledger/v1/ledger/aggregates/${encodeURIComponent(evidenceAggregateId(evidenceItemId))}/evidence-bundle`;

export interface LedgerProof {
  readonly treeSize: number;
  readonly rootHash: string;
  readonly checkpoint: string;
  readonly entries: readonly { leafIndex: number; type: string; appendedAt: string; leafHash: string; proven: boolean }[];
  readonly pending: number;
  readonly signatureError?: string;
}

/**
 * One evidence item's chain of custody: the item, its steps (custody), the names behind their
 * ids (registry), and its ledger entries with the checkpoint signature and every inclusion
 * proof verified in this browser. Shared by the timeline page and the printed report.
 */
export function useCustodyChain(evidenceItemId: string) {
  const item = useQuery({
    queryKey: ['evidence-item', evidenceItemId],
    retry: false,
    queryFn: async () => unwrap(await api.custody.GET('/evidence-items/{evidenceItemId}', { params: { path: { evidenceItemId } } })),
  });
  const timeline = useQuery({
    queryKey: ['evidence-items', evidenceItemId, 'timeline'],
    retry: false,
    queryFn: async () => unwrap(await api.custody.GET('/evidence-items/{evidenceItemId}/timeline', { params: { path: { evidenceItemId } } })),
  });
  const ledger = useQuery({
    queryKey: ['ledger-history', evidenceAggregateId(evidenceItemId)],
    retry: false,
    queryFn: async (): Promise<LedgerProof> => {
      const h = await aggregateHistory(evidenceAggregateId(evidenceItemId));
      const opened = openSigned(h.checkpoint, localStorage.getItem(PINNED_KEY_STORAGE) || h.publicKey, h.origin);
      const signed = 'error' in opened ? undefined : opened;
      return {
        treeSize: h.treeSize,
        rootHash: signed?.rootHash ?? '',
        checkpoint: h.checkpoint,
        entries: h.items.map((e) => ({
          leafIndex: e.leafIndex,
          type: e.type,
          appendedAt: e.appendedAt,
          leafHash: e.leafHash,
          proven: signed !== undefined && inclusionHolds(e, signed.size, signed.rootHash),
        })),
        pending: h.pending.length,
        ...('error' in opened ? { signatureError: opened.error } : {}),
      };
    },
  });
  const steps: AnyStep[] = (timeline.data?.steps ?? []) as AnyStep[];
  const names = useNames([...idsOf(steps), item.data?.ownerOrganisationId, item.data?.holderOrganisationId]);
  return { item, timeline, ledger, steps, names };
}

export const hexOf = (b64: string) => Array.from(atob(b64), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
