import {
  accessDeniedDefinition,
  EventEnvelope,
  EventRegistry,
  eventTopic,
  ExportPackaged,
  FootageNotHeld,
  STORAGE_EVENTS,
  STORAGE_EXPORT_PACKAGED,
  STORAGE_FOOTAGE_NOT_HELD,
} from '@custos/contracts';
import { EventConsumer, EventTransport } from '@custos/eventstore';
import { Logger } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';

/**
 * Brings storage's export packages into the requests' read models (R16.5, R18.5): the owner's
 * fulfilment queue shows what is already exported (package, when, by whom, and why again), and
 * the requesting officers see the export of their own request, whose id is the evidence item's
 * in custody. Through the inbox, a redelivery changes nothing.
 */
export function storageExportsConsumer(options: { name: string; pool: Pool; transport: EventTransport; topicPrefix?: string }): EventConsumer {
  const logger = new Logger('Requests');
  return new EventConsumer({
    name: options.name,
    topics: [eventTopic('storage', options.topicPrefix)],
    pool: options.pool,
    transport: options.transport,
    registry: new EventRegistry().register(...STORAGE_EVENTS, accessDeniedDefinition('storage')),
    handle: applyExport,
    onError: (error) => logger.error({ msg: 'export not applied', reason: String((error as Error)?.message ?? error) }),
  });
}

export async function applyExport(event: EventEnvelope, tx: PoolClient): Promise<void> {
  if (event.type === STORAGE_FOOTAGE_NOT_HELD) return applyNotHeld(event, tx);
  if (event.type !== STORAGE_EXPORT_PACKAGED) return;
  const p = event.payload as unknown as ExportPackaged;
  const by = { subject: event.actor.subject, personId: event.actor.personId ?? null, organisationId: event.actor.organisationId ?? p.organisationId };
  await tx.query(
    `INSERT INTO rq_exports (export_id, request_id, owner_organisation_id, approval_document_number, exported_at, exported_by, re_export)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (export_id) DO NOTHING`,
    [p.exportId, p.requestId, p.organisationId, p.approvalDocumentNumber, p.exportedAt, by, p.reExport ?? null],
  );
}

/** The owner's answer that nothing is held for the window (R16.7), for the officers' timeline. */
async function applyNotHeld(event: EventEnvelope, tx: PoolClient): Promise<void> {
  const p = event.payload as unknown as FootageNotHeld;
  await tx.query(
    `INSERT INTO rq_not_held (answer_id, request_id, organisation_id, person_id, answered_at, cameras)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (answer_id) DO NOTHING`,
    [p.answerId, p.requestId, p.organisationId, event.actor.personId ?? null, p.answeredAt, JSON.stringify(p.cameras)],
  );
}

