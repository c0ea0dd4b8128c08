import {
  accessDeniedDefinition,
  EventRegistry,
  STORAGE_EVENTS,
  STORAGE_EXPORT_PACKAGED,
  STORAGE_FOOTAGE_NOT_HELD,
} from '@custos/contracts';
import { EventConsumer, handleByType, topicConsumer, TopicConsumerOptions } from '@custos/eventstore';

/**
 * Brings storage's export packages into the requests' read models (R16.5, R18.5): the owner's
 * fulfilment queue shows what is already exported (package, when, by whom, and why again), and
 * the requesting officers see the export of their own request, whose id is the evidence item's
 * in custody. Through the inbox, a redelivery changes nothing.
 */
export function storageExportsConsumer(options: TopicConsumerOptions): EventConsumer {
  return topicConsumer({
    ...options,
    from: 'storage',
    registry: new EventRegistry().register(...STORAGE_EVENTS, accessDeniedDefinition('storage')),
    handle: applyExport,
    log: { context: 'Requests', failure: 'export not applied' },
  });
}

export const applyExport = handleByType({
  [STORAGE_EXPORT_PACKAGED]: (p, event, tx) => {
    const by = { subject: event.actor.subject, personId: event.actor.personId ?? null, organisationId: event.actor.organisationId ?? p.organisationId };
    return tx.query(
      `INSERT INTO rq_exports (export_id, request_id, owner_organisation_id, approval_document_number, exported_at, exported_by, re_export)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (export_id) DO NOTHING`,
      [p.exportId, p.requestId, p.organisationId, p.approvalDocumentNumber, p.exportedAt, by, p.reExport ?? null],
    );
  },
  // The owner's answer that nothing is held for the window (R16.7), for the officers' timeline.
  [STORAGE_FOOTAGE_NOT_HELD]: (p, event, tx) =>
    tx.query(
      `INSERT INTO rq_not_held (answer_id, request_id, organisation_id, person_id, answered_at, cameras)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (answer_id) DO NOTHING`,
      [p.answerId, p.requestId, p.organisationId, event.actor.personId ?? null, p.answeredAt, JSON.stringify(p.cameras)],
    ),
});
