import { ddlMigration } from '@custos/migrations';

/**
 * The one pagination shape for custody's lists (issue 15): each is paged by a sort key that does
 * not change while a row stays in the list. An evidence item's is the instant it was opened
 * (existing rows take their last update's until the read model is rebuilt from the log); the
 * indexes serve each list's scope in its order.
 */
export const custodyListOrder = ddlMigration({
  name: 'Custody0002ListOrder1765929600000',
  statements: [
    `
ALTER TABLE custody_evidence_items ADD COLUMN IF NOT EXISTS opened_at timestamptz;
UPDATE custody_evidence_items SET opened_at = updated_at WHERE opened_at IS NULL;
ALTER TABLE custody_evidence_items ALTER COLUMN opened_at SET NOT NULL;
CREATE INDEX IF NOT EXISTS custody_evidence_items_opened ON custody_evidence_items (opened_at, evidence_item_id);
CREATE INDEX IF NOT EXISTS custody_viewing_sessions_owner_opened ON custody_viewing_sessions (owner_organisation_id, opened_at, session_id);
CREATE INDEX IF NOT EXISTS custody_viewing_sessions_requester_opened ON custody_viewing_sessions (requesting_organisation_id, opened_at, session_id);
CREATE INDEX IF NOT EXISTS custody_direct_access_sessions_requester_opened ON custody_direct_access_sessions (requesting_organisation_id, opened_at, session_id);
CREATE INDEX IF NOT EXISTS custody_direct_access_grants_granted ON custody_direct_access_grants (requesting_organisation_id, updated_at, request_id) WHERE status = 'GRANTED';
CREATE INDEX IF NOT EXISTS custody_view_requests_co_signed ON custody_view_requests USING gin (owner_organisation_ids) WHERE status = 'CO_SIGNED';
`,
  ],
});
