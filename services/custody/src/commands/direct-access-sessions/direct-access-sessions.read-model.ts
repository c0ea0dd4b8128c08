import { directAccessErrors } from '@custos/domain';
import { ProjectionRunner } from '@custos/eventstore';
import { Pool } from 'pg';
import { iso, isoOf, SessionReadModel, SessionViewBase, sessionViewBaseOf } from '../../shared/session-read-model';

export interface DirectAccessSessionView extends SessionViewBase {
  readonly approvalDocumentNumber: string;
  readonly status: 'OPEN' | 'ENDED';
  readonly ownerOrganisationIds: readonly string[];
  readonly officers: readonly { personId: string; credentialNumber: string }[];
  readonly grant: { readonly from: string; readonly to: string };
  readonly accessStartedAt: string | null;
  readonly endReason: string | null;
  readonly endedAt: string | null;
}

/** The sessions a caller sees: the granted organ's officers, the granted systems' owners, oversight in its jurisdiction. */
const SESSION_SCOPE = `($1::text = ANY(owner_organisation_ids) OR requesting_organisation_id = $2
             OR ($3::text IS NOT NULL AND requesting_division_code LIKE $3 || '%'))`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a pg row of custody_direct_access_sessions
function sessionViewOf(r: any): DirectAccessSessionView {
  return {
    ...sessionViewBaseOf(r),
    approvalDocumentNumber: r.approval_document_number,
    status: r.status,
    ownerOrganisationIds: r.owner_organisation_ids,
    officers: r.officers,
    grant: { from: iso(r.grant_from), to: iso(r.grant_to) },
    accessStartedAt: isoOf(r.access_started_at),
    endReason: r.end_reason,
    endedAt: isoOf(r.ended_at),
  };
}

/**
 * The direct-access sessions' read model, caught up with custody's log first. Who sees a
 * session (R3.1, R5.1): the granted organ's officers, the owners of the granted systems,
 * oversight within its jurisdiction.
 */
export class DirectAccessReadModels extends SessionReadModel<DirectAccessSessionView> {
  constructor(pool: Pool, runner: ProjectionRunner) {
    super(pool, runner, { table: 'custody_direct_access_sessions', scope: SESSION_SCOPE, viewOf: sessionViewOf, notFound: directAccessErrors.sessionNotFound });
  }
}
