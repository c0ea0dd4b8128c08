import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@custos/auth';
import { ApprovalDocumentRevoked, EventEnvelope } from '@custos/contracts';
import { DEFAULT_RULE_PACK_CONFIG, directAccessErrors, err, Result } from '@custos/domain';
import { ApprovalTrust } from '@custos/platform';
import { Pool, PoolClient } from 'pg';
import type { CustodyModuleOptions } from '../../custody.options';
import { APPROVAL_TRUST, Clock, CUSTODY_CLOCK, CUSTODY_OPTIONS, CUSTODY_POOL, OFFICER_DIRECTORY } from '../../custody.tokens';
import { OfficerDirectory } from '../../domain/officer-directory.port';
import { SessionCommands } from '../session-commands';
import { DirectAccessGrants } from './direct-access-grants.table';
import { DirectAccessSession } from './direct-access-session.aggregate';
import { DirectAccessSessionRepository } from './direct-access-session.repository';
import { DirectAccessReadModels } from './direct-access-sessions.read-model';
import { directAccessSessionState } from './direct-access-session.state';
import { DirectAccessSessionStateDto } from './direct-access-sessions.response.dto';

/**
 * The direct-access sessions' commands (R17.4, R18.1–R18.4) around the aggregate's decisions:
 * every calling officer is checked against the registry at "now" (R18.2); only an accepted
 * decision is saved.
 */
@Injectable()
export class DirectAccessSessionCommands extends SessionCommands<DirectAccessSession, DirectAccessSessionStateDto> {
  constructor(
    readonly sessions: DirectAccessSessionRepository,
    private readonly grants: DirectAccessGrants,
    readModels: DirectAccessReadModels,
    @Inject(OFFICER_DIRECTORY) officers: OfficerDirectory,
    @Inject(APPROVAL_TRUST) private readonly trust: ApprovalTrust,
    @Inject(CUSTODY_CLOCK) clock: Clock,
    @Inject(CUSTODY_POOL) pool: Pool,
    @Inject(CUSTODY_OPTIONS) private readonly options: CustodyModuleOptions,
  ) {
    super({ store: sessions, schedule: readModels, notFound: directAccessErrors.sessionNotFound, expireIfDue: (s, now) => s.expireIfDue(now), mayPlay: (s, personId, now) => s.mayAccess(personId, now), state: directAccessSessionState }, officers, clock, pool);
  }

  /**
   * An officer of the granted organ, qualified now, opens a session of an approved direct
   * access, decided on the grant's row share-locked: a revocation arriving meanwhile waits,
   * then cuts this session. The approvals service's revocation list is asked too, so a
   * revocation custody has not yet consumed is honoured.
   */
  async open(principal: Principal, requestId: string, durationMs: number): Promise<Result<DirectAccessSession>> {
    const now = this.clock();
    const opener = await this.officer(principal, now);
    if (!opener.ok) return opener;
    const known = await this.grants.find(requestId);
    if (!known) return err(directAccessErrors.grantNotFound(requestId));
    if (known.issuingOrganisationId && known.approvalDocumentNumber) {
      const revoked = await this.trust.revokedNumbers(known.issuingOrganisationId);
      if (revoked.has(known.approvalDocumentNumber)) {
        return err(directAccessErrors.revoked(requestId, known.approvalDocumentNumber));
      }
    }
    return this.opening(principal, async (session, sessionId, tx) => {
      const grant = await this.grants.find(requestId, tx);
      if (!grant) return err(directAccessErrors.grantNotFound(requestId));
      const rulePacks = this.options.rulePacks ?? DEFAULT_RULE_PACK_CONFIG;
      return session.open({ sessionId, grant, opener: opener.value.record, durationMs, now: this.clock(), rulePacks });
    });
  }

  /**
   * The grant's approval document was revoked (R17.4): ends every session of it still open, in
   * the consumer's inbox transaction `tx` (the grant marked REVOKED there first, so none can
   * open after). A redelivered revocation finds them ended and records nothing.
   */
  endForRevokedDocument(revocation: EventEnvelope, tx: PoolClient, { revokedBy }: ApprovalDocumentRevoked): Promise<string[]> {
    const now = this.clock();
    return this.endSessionsOf(revocation, tx, (session) => session.endForRevokedDocument(revokedBy, now));
  }
}
