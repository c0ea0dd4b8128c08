import {
  accessDeniedDefinition,
  quarantineResolvedDefinition,
  EventEnvelope,
  EventRegistry,
  REQUEST_CO_SIGNED,
  REQUEST_EXPIRED,
  REQUEST_FILED,
  REQUEST_WITHDRAWN,
  RequestWithdrawn,
  REQUESTS_EVENTS,
} from '@custos/contracts';
import { dispatchEvent, EventConsumer, EventHandlers, topicConsumer, TopicConsumerOptions } from '@custos/eventstore';
import { PoolClient } from 'pg';
import { recordRequester } from '../database/view-requests.table';

export const DEFAULT_VIEW_REQUESTS_CONSUMER_GROUP = 'custody.view-requests';

/**
 * Learns VIEW requests from the requests service (`requests.RequestFiled`, `RequestCoSigned`,
 * `RequestWithdrawn`, `RequestExpired`) into `custody_view_requests`, so that an owner can
 * open a viewing session for a co-signed one (R18.1–R18.3); a withdrawal also ends its open
 * sessions (REQUEST_WITHDRAWN). Copies, retrievals and direct access go through approvals and
 * exports instead, and are ignored here. Through the inbox a redelivered event changes nothing.
 */
export function viewRequestsConsumer(
  options: TopicConsumerOptions & {
    /** Ends the open sessions of a withdrawn VIEW request, in the same inbox transaction. */
    endSessionsOf?: WithdrawnRequestSessions;
  },
): EventConsumer {
  return topicConsumer({
    ...options,
    from: 'requests',
    // The requests service's refused accesses travel on the same topic: known, and ignored.
    registry: new EventRegistry().register(...REQUESTS_EVENTS, accessDeniedDefinition('requests'), quarantineResolvedDefinition('requests')),
    handle: (event, tx) => recordViewRequest(event, tx, options.endSessionsOf),
    log: { context: 'Custody', failure: 'view request not recorded' },
  });
}

/** Ends a withdrawn request's open sessions; given the withdrawal and its payload, typed. */
export type WithdrawnRequestSessions = (withdrawal: EventEnvelope, tx: PoolClient, payload: RequestWithdrawn) => Promise<unknown>;

export async function recordViewRequest(
  event: EventEnvelope,
  tx: PoolClient,
  endSessionsOf?: WithdrawnRequestSessions,
): Promise<void> {
  await dispatchEvent(viewRequestRecords, event, { tx, endSessionsOf });
}

const viewRequestRecords: EventHandlers<{ tx: PoolClient; endSessionsOf?: WithdrawnRequestSessions }> = {
  [REQUEST_FILED]: async (p, event, { tx }) => {
    if (p.kind !== 'VIEW') return recordRequester(tx, event.aggregateId, p.requestingOrganisation.id);
    await tx.query(
      `INSERT INTO custody_view_requests (request_id, status, requesting_organisation_id, requesting_division_code, case_reference,
         purpose, image_system_ids, camera_ids, owner_organisation_ids, window_from, window_to, filer_person_id, filer_credential_number, updated_at)
       VALUES ($1, 'FILED', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (request_id) DO NOTHING`,
      [
        event.aggregateId,
        p.requestingOrganisation.id,
        p.requestingOrganisation.divisionCode,
        p.caseReference,
        p.purpose,
        p.imageSystemIds,
        p.cameraIds,
        p.ownerOrganisationIds,
        p.window.from,
        p.window.to,
        p.filer.personId,
        p.filer.credentialNumber,
        event.occurredAt,
      ],
    );
  },
  // A request that is not a VIEW has no row: nothing is updated.
  [REQUEST_CO_SIGNED]: async (p, event, { tx }) =>
    void (await tx.query(
      `UPDATE custody_view_requests SET status = 'CO_SIGNED', co_signer_person_id = $2, co_signer_credential_number = $3, updated_at = $4
       WHERE request_id = $1 AND status = 'FILED'`,
      [event.aggregateId, p.coSigner.personId, p.coSigner.credentialNumber, event.occurredAt],
    )),
  [REQUEST_WITHDRAWN]: async (p, event, { tx, endSessionsOf }) => {
    // Marked first: the row lock makes a session being opened commit before we look for open ones (R18.3).
    const { rowCount } = await tx.query(`UPDATE custody_view_requests SET status = 'WITHDRAWN', updated_at = $2 WHERE request_id = $1`, [
      event.aggregateId,
      event.occurredAt,
    ]);
    if (rowCount && endSessionsOf) await endSessionsOf(event, tx, p);
  },
  // Only a request nobody co-signed expires (R18.1): no session can have been opened for it.
  [REQUEST_EXPIRED]: async (_p, event, { tx }) =>
    void (await tx.query(`UPDATE custody_view_requests SET status = 'EXPIRED', updated_at = $2 WHERE request_id = $1`, [event.aggregateId, event.occurredAt])),
};
