import { ddlMigration } from '@custos/migrations';

/**
 * Escalations of overdue fulfilment to the supervising PSB (R16.5), one per request and system,
 * rebuilt with the requests read model; and the viewing sessions custody opened, which fulfil
 * a VIEW request.
 */
export const requestsEscalations = ddlMigration({
  name: 'Requests0002Escalations1764979200000',
  statements: [
    `
CREATE TABLE IF NOT EXISTS rq_escalations (
  request_id text NOT NULL,
  image_system_id text NOT NULL,
  kind text NOT NULL,
  owner_organisation_id text NOT NULL,
  supervising_organisation_id text NOT NULL,
  ready_since timestamptz NOT NULL,
  fulfil_by timestamptz NOT NULL,
  escalated_at timestamptz NOT NULL,
  event_id uuid NOT NULL,
  PRIMARY KEY (request_id, image_system_id)
);
CREATE INDEX IF NOT EXISTS rq_escalations_supervisor ON rq_escalations (supervising_organisation_id, escalated_at);
CREATE TABLE IF NOT EXISTS rq_viewing_sessions (
  session_id text PRIMARY KEY,
  request_id text NOT NULL,
  owner_organisation_id text NOT NULL,
  opened_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS rq_viewing_sessions_request ON rq_viewing_sessions (request_id);
`,
  ],
  grants: [
    // Projected (inserted once, truncated on a rebuild of the read model) and consumed facts.
    ['SELECT, INSERT, TRUNCATE', 'rq_escalations'],
    ['SELECT, INSERT', 'rq_viewing_sessions'],
  ],
});
