import {
  CUSTODY_DIRECT_ACCESS_SESSION_ENDED,
  CUSTODY_DIRECT_ACCESS_SESSION_OPENED,
  CUSTODY_OFFICER_JOINED_DIRECT_ACCESS,
  CustodyOfficer,
  DirectAccessEndReason,
  DirectAccessSessionEnded,
  DirectAccessSessionOpened,
  OfficerJoinedDirectAccess,
} from '@custos/contracts';
import { domainErrorOf, err, MAX_VIEWING_SESSION_MS, MINIMUM_OFFICERS, ok, Result, RulePackConfig, rulePackFieldAt } from '@custos/domain';
import { EventSourcedAggregate } from '@custos/eventstore';
import type { DirectAccessGrant } from './direct-access-grants.table';
import { directAccessErrors } from './direct-access.errors';

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
export class DirectAccessSession extends EventSourcedAggregate {
  opened!: DirectAccessSessionOpened;
  readonly officers = new Map<string, CustodyOfficer>();
  ended?: DirectAccessSessionEnded;

  get sessionId(): string {
    return this.opened.sessionId;
  }

  get expiresAt(): Date {
    return new Date(this.opened.expiresAt);
  }

  open(command: OpenDirectAccessSession): Result<void> {
    const { grant, opener, durationMs, now } = command;
    if (grant.status === 'REVOKED') {
      return err(domainErrorOf('CUSTOS_R18_5_REVOKED', { number: grant.approvalDocumentNumber, requestId: grant.requestId }));
    }
    if (grant.status !== 'GRANTED' || !grant.grantFrom || !grant.grantTo || !grant.validUntil) {
      return err(directAccessErrors.notGranted(grant.requestId, grant.status));
    }
    if (opener.organisationId !== grant.requestingOrganisationId) {
      return err(directAccessErrors.officerOfAnotherOrgan(grant.requestId, opener.organisationId, grant.requestingOrganisationId));
    }
    const end = Math.min(Date.parse(grant.grantTo), Date.parse(grant.validUntil));
    if (now.getTime() < Date.parse(grant.grantFrom) || now.getTime() >= end) {
      return err(directAccessErrors.outsideGrant(grant.requestId, now.toISOString(), grant.grantFrom, grant.grantTo));
    }
    if (!(durationMs > 0) || durationMs > MAX_VIEWING_SESSION_MS) return err(directAccessErrors.tooLong(durationMs));
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
      grantFrom: grant.grantFrom,
      grantTo: grant.grantTo,
      openedBy: opener,
      openedAt: now.toISOString(),
      // Never beyond the grant: the session is cut at whichever comes first.
      expiresAt: new Date(Math.min(now.getTime() + durationMs, end)).toISOString(),
      // The grant does not say where the systems stand: the requesting organ's division stands in (issue 21).
      ...rulePackFieldAt(grant.requestingDivisionCode, now, command.rulePacks),
    });
    return ok();
  }

  isOpenAt(now: Date): boolean {
    return this.ended === undefined && now.getTime() < this.expiresAt.getTime();
  }

  /** Another officer of the granted organ joins, already checked qualified now (R18.2); joining again records nothing. */
  join(officer: CustodyOfficer, now: Date): Result<{ joinedNow: boolean }> {
    const open = this.assertOpen(now);
    if (!open.ok) return open;
    if (officer.organisationId !== this.opened.requestingOrganisationId) {
      return err(directAccessErrors.officerOfAnotherOrgan(this.opened.requestId, officer.organisationId, this.opened.requestingOrganisationId));
    }
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
    const open = this.assertOpen(now);
    if (!open.ok) return open;
    if (this.officers.size < MINIMUM_OFFICERS) {
      return err(directAccessErrors.twoOfficersRequired(this.sessionId, [...this.officers.keys()]));
    }
    const officer = this.officers.get(personId);
    if (officer === undefined) return err(directAccessErrors.notInSession(this.sessionId, personId));
    return ok(officer);
  }

  /** One of its officers ends it. */
  endByOfficer(personId: string, now: Date): Result<void> {
    const open = this.assertOpen(now);
    if (!open.ok) return open;
    if (!this.officers.has(personId)) return err(directAccessErrors.notInSession(this.sessionId, personId));
    this.recordEnd('ENDED_BY_OFFICERS', now.toISOString(), personId);
    return ok();
  }

  /** The approval document was revoked: a session still open ends now (false when already over). */
  endForRevokedDocument(revokedBy: string, now: Date): boolean {
    if (!this.isOpenAt(now)) return false;
    this.recordEnd('DOCUMENT_REVOKED', now.toISOString(), revokedBy);
    return true;
  }

  /** Records the end of a session whose time ran out; the end is its expiry, not the sweep's time. */
  expireIfDue(now: Date): boolean {
    if (this.ended !== undefined || now.getTime() < this.expiresAt.getTime()) return false;
    this.recordEnd('EXPIRED', this.opened.expiresAt);
    return true;
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

  private recordEnd(reason: DirectAccessEndReason, at: string, personId?: string): void {
    this.record<DirectAccessSessionEnded>(CUSTODY_DIRECT_ACCESS_SESSION_ENDED, {
      sessionId: this.sessionId,
      reason,
      ...(personId === undefined ? {} : { endedByPersonId: personId }),
      at,
    });
  }

  private assertOpen(now: Date): Result<void> {
    if (this.ended) return err(directAccessErrors.ended(this.sessionId, this.ended.reason, this.ended.at));
    if (now.getTime() >= this.expiresAt.getTime()) return err(directAccessErrors.ended(this.sessionId, 'EXPIRED', this.opened.expiresAt));
    return ok();
  }
}
