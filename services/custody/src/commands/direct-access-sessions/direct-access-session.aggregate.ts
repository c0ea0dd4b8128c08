import {
  CUSTODY_DIRECT_ACCESS_SESSION_ENDED,
  CUSTODY_DIRECT_ACCESS_SESSION_OPENED,
  CUSTODY_OFFICER_JOINED_DIRECT_ACCESS,
  CustodyOfficer,
  DirectAccessSessionEnded,
  DirectAccessSessionOpened,
  OfficerJoinedDirectAccess,
} from '@custos/contracts';
import {
  DirectAccessSessionState,
  mayEndDirectAccess,
  mayJoinDirectAccess,
  mayOpenDirectAccess,
  mayUseDirectAccess,
  ok,
  Result,
  RulePackConfig,
  rulePackFieldAt,
} from '@custos/domain';
import { TimeBoxedSession } from '../../domain/time-boxed-session.aggregate';
import type { DirectAccessGrant } from './direct-access-grants.table';

type Event<P> = { payload: P };

export interface OpenDirectAccessSession {
  readonly sessionId: string;
  readonly grant: DirectAccessGrant;
  /** The opening officer, already checked qualified now (R18.2). */
  readonly opener: CustodyOfficer;
  readonly durationMs: number;
  readonly now: Date;
  /** The configured rule packs (issue 21); default `DEFAULT_RULE_PACK_CONFIG`. */
  readonly rulePacks?: RulePackConfig;
}

/**
 * A time-boxed use of an approved direct access (R17.4), rebuilt from its events. An officer of
 * the granted organ opens it within the grant period; more officers of that organ join, each
 * qualified at that moment; access (playback of the granted cameras) starts once at least two
 * are in (R18.1) and only for them. It ends when its officers end it, at its expiry (recorded by
 * the sweep; never later than the grant), or when the approval document is revoked.
 */
export class DirectAccessSession extends TimeBoxedSession<DirectAccessSessionOpened> {
  readonly officers = new Map<string, CustodyOfficer>();
  ended?: DirectAccessSessionEnded;
  protected readonly ending = { type: CUSTODY_DIRECT_ACCESS_SESSION_ENDED, byField: 'endedByPersonId' } as const;

  protected get end(): DirectAccessSessionEnded | undefined {
    return this.ended;
  }

  open(command: OpenDirectAccessSession): Result<void> {
    const { grant, opener, durationMs, now } = command;
    const may = mayOpenDirectAccess(grant, opener, durationMs, now);
    if (!may.ok) return may;
    this.record<DirectAccessSessionOpened>(CUSTODY_DIRECT_ACCESS_SESSION_OPENED, {
      sessionId: command.sessionId,
      requestId: grant.requestId,
      approvalDocumentNumber: grant.approvalDocumentNumber!,
      issuingOrganisationId: grant.issuingOrganisationId!,
      requestingOrganisationId: grant.requestingOrganisationId,
      requestingDivisionCode: grant.requestingDivisionCode,
      ownerOrganisationIds: [...grant.ownerOrganisationIds],
      cameraIds: [...grant.cameraIds],
      caseReference: grant.caseReference,
      purpose: grant.purpose,
      grantFrom: may.value.grantFrom,
      grantTo: may.value.grantTo,
      openedBy: opener,
      openedAt: now.toISOString(),
      expiresAt: may.value.expiresAt.toISOString(),
      // The grant does not say where the systems stand: the requesting organ's division stands in (issue 21).
      ...rulePackFieldAt(grant.requestingDivisionCode, now, command.rulePacks),
    });
    return ok();
  }

  /** What the session's rules read of it. */
  private get state(): DirectAccessSessionState {
    const { sessionId, requestId, requestingOrganisationId, expiresAt } = this.opened;
    return { sessionId, requestId, requestingOrganisationId, expiresAt, ...(this.ended ? { ended: this.ended } : {}) };
  }

  /** Another officer of the granted organ joins, already checked qualified now (R18.2); joining again records nothing. */
  join(officer: CustodyOfficer, now: Date): Result<{ joinedNow: boolean }> {
    const may = mayJoinDirectAccess(this.state, officer, now);
    if (!may.ok) return may;
    if (this.officers.has(officer.personId)) return ok({ joinedNow: false });
    this.record<OfficerJoinedDirectAccess>(CUSTODY_OFFICER_JOINED_DIRECT_ACCESS, {
      sessionId: this.sessionId,
      officer,
      joinedAt: now.toISOString(),
    });
    return ok({ joinedNow: true });
  }

  /** May this officer use the session at `now`? Open, at least two in, and they one of them (R18.1). */
  mayAccess(personId: string, now: Date): Result<CustodyOfficer> {
    return mayUseDirectAccess(this.state, this.officers, personId, now);
  }

  /** One of its officers ends it. */
  endByOfficer(personId: string, now: Date): Result<void> {
    const may = mayEndDirectAccess(this.state, this.officers, personId, now);
    if (!may.ok) return may;
    this.recordEnd('ENDED_BY_OFFICERS', now.toISOString(), personId);
    return ok();
  }

  /** The approval document was revoked: a session still open ends now (false when already over). */
  endForRevokedDocument(revokedBy: string, now: Date): boolean {
    return this.endIfOpen(now, () => this.recordEnd('DOCUMENT_REVOKED', now.toISOString(), revokedBy));
  }

  onDirectAccessSessionOpened({ payload }: Event<DirectAccessSessionOpened>): void {
    this.opened = payload;
    this.officers.set(payload.openedBy.personId, payload.openedBy);
  }

  onOfficerJoinedDirectAccess({ payload }: Event<OfficerJoinedDirectAccess>): void {
    this.officers.set(payload.officer.personId, payload.officer);
  }

  onDirectAccessSessionEnded({ payload }: Event<DirectAccessSessionEnded>): void {
    this.ended = payload;
  }
}
