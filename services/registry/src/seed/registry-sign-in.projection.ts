import {
  EventEnvelope,
  REGISTRY_HEAD_APPOINTED,
  REGISTRY_HEAD_TERM_ENDED,
  REGISTRY_QUALIFICATION_ISSUED,
  REGISTRY_QUALIFICATION_STATUS_CHANGED,
} from '@custos/contracts';
import { projectionOf } from '@custos/eventstore';
import { PoolClient } from 'pg';
import { idOfStream } from '../database/registry.event-store';

/**
 * What the embedded sign-in list needs beyond the registry's list tables, so that it is one
 * query instead of loading every officer's and organisation's aggregate per request:
 * head terms (R17.2) and each officer's credential events (R18.2), the latter folded by
 * OfficerAggregate itself when a page of people is read (validity depends on "now").
 * Rebuilt from the log by its own ProjectionRunner; exists only where the dev issuer does.
 */
export const registrySignInProjection = projectionOf({
  name: 'registry-sign-in',
  tables: ['reg_sign_in_head_terms', 'reg_sign_in_credential_events'],
  handlers: {
    [REGISTRY_HEAD_APPOINTED]: (p, event, tx) =>
      tx.query(
        `INSERT INTO reg_sign_in_head_terms (organisation_id, person_id, from_at, seq, name) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING`,
        [idOfStream(event.aggregateId), p.personId, p.from, event.sequence, p.name ?? null],
      ),
    [REGISTRY_HEAD_TERM_ENDED]: (p, event, tx) =>
      tx.query('UPDATE reg_sign_in_head_terms SET to_at = $4 WHERE organisation_id = $1 AND person_id = $2 AND from_at = $3', [
        idOfStream(event.aggregateId),
        p.personId,
        p.from,
        p.to,
      ]),
    [REGISTRY_QUALIFICATION_ISSUED]: credentialEvent,
    [REGISTRY_QUALIFICATION_STATUS_CHANGED]: credentialEvent,
  },
});

/** A credential event kept as it is, for OfficerAggregate to fold. */
function credentialEvent(_payload: object, event: EventEnvelope, tx: PoolClient) {
  return tx.query(
    `INSERT INTO reg_sign_in_credential_events (seq, officer_id, type, schema_version, payload)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [event.sequence, idOfStream(event.aggregateId), event.type, event.schemaVersion, JSON.stringify(event.payload)],
  );
}
