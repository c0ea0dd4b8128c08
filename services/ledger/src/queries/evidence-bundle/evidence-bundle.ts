import { EvidenceBundle } from '@custos/ledger-core';
import { LedgerQueries } from '../log/ledger-queries';
import { LedgerError } from '../../domain/ledger.errors';

/**
 * An aggregate's events (a request, an evidence item) as an `EvidenceBundle`: each entry with
 * its inclusion proof against one signed checkpoint, for `custos-verify` to check offline.
 * Events newer than the checkpoint are left out until the next one covers them.
 */
export async function buildEvidenceBundle(queries: LedgerQueries, aggregateId: string): Promise<EvidenceBundle> {
  const history = await queries.aggregateHistory(aggregateId);
  if (history.items.length === 0) {
    throw new LedgerError(
      'CUSTOS_LEDGER_NOT_YET_CHECKPOINTED',
      `no event of aggregate ${aggregateId} is covered by a signed checkpoint yet; retry after the next`,
    );
  }
  return {
    origin: history.origin,
    publicKey: history.publicKey,
    checkpoint: history.checkpoint,
    items: history.items.map((item) => ({
      leafIndex: item.leafIndex,
      entry: item.entry,
      inclusionProof: item.inclusionProof,
    })),
  };
}
