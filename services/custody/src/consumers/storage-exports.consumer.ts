import {
  accessDeniedDefinition,
  quarantineResolvedDefinition,
  EventEnvelope,
  EventRegistry,
  STORAGE_EVENTS,
  STORAGE_EXPORT_PACKAGED,
} from '@custos/contracts';
import { dispatchEvent, EventConsumer, EventHandlers, topicConsumer, TopicConsumerOptions } from '@custos/eventstore';
import { PoolClient } from 'pg';
import { EvidenceItemRepository } from '../database/evidence-item.repository';

/**
 * Opens one evidence item per export package that storage announces (`storage.ExportPackaged`):
 * status PREPARED, held by the owner that exported it, for the organ and on the document it
 * was exported for (R18.5). Through the inbox, a redelivered event
 * changes nothing; the item's id is the export id, so it cannot be opened twice either.
 */
export function storageExportsConsumer(options: TopicConsumerOptions & { items: EvidenceItemRepository }): EventConsumer {
  return topicConsumer({
    ...options,
    from: 'storage',
    // Its refused accesses travel on the same topic; known, so not dead letters, and ignored here.
    registry: new EventRegistry().register(...STORAGE_EVENTS, accessDeniedDefinition('storage'), quarantineResolvedDefinition('storage')),
    handle: (event, tx) => openEvidenceItem(options.items, event, tx),
    log: { context: 'Custody', failure: 'export package not taken into custody' },
  });
}

export async function openEvidenceItem(items: EvidenceItemRepository, event: EventEnvelope, tx: PoolClient): Promise<void> {
  await dispatchEvent(evidenceItemOpenings, event, { items, tx });
}

const evidenceItemOpenings: EventHandlers<{ items: EvidenceItemRepository; tx: PoolClient }> = {
  [STORAGE_EXPORT_PACKAGED]: async (p, event, { items, tx }) => {
    // A release for public dissemination holds no footage: nothing to take into custody (CN2025-PUBLISH).
    if (p.purpose === 'PUBLICATION') return;
    if ((await items.load(p.exportId, tx)) !== undefined) return;
    const item = items.create(p.exportId);
    item.open({
      evidenceItemId: p.exportId,
      exportId: p.exportId,
      approvalDocumentNumber: p.approvalDocumentNumber,
      issuingOrganisationId: p.issuingOrganisationId,
      requestId: p.requestId,
      kind: p.kind,
      ownerOrganisationId: p.organisationId,
      ...(p.requestingOrganisationId ? { requestingOrganisationId: p.requestingOrganisationId } : {}),
      ...(p.approvalDocumentId ? { approvalDocumentId: p.approvalDocumentId } : {}),
      cameraIds: [...p.cameraIds],
      windowFrom: p.windowFrom,
      windowTo: p.windowTo,
      packageSha256: p.packageSha256,
      packageSizeBytes: p.packageSizeBytes,
      exportedAt: p.exportedAt,
    });
    await items.save(item, { actor: event.actor, correlationId: event.correlationId, causationId: event.id }, tx);
  },
};
