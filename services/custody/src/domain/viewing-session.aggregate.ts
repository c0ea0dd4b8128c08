import {
  CUSTODY_OFFICER_JOINED_VIEWING,
  CUSTODY_VIEWING_SESSION_CLOSED,
  CUSTODY_VIEWING_SESSION_OPENED,
  CustodyOfficer,
  OfficerJoinedViewing,
  ViewingSessionClosed,
  ViewingSessionCloseReason,
  ViewingSessionOpened,
} from '@custos/contracts';
import {
  DEFAULT_OFFICER_POLICY,
  DEFAULT_RULE_PACK_CONFIG,
  err,
  mayActOnRequest,
  mayJoinViewing,
  mayOpenViewing,
  mayPlayViewing,
  MINIMUM_OFFICERS,
  OfficerPolicy,
  ok,
  Result,
  RulePackConfig,
  rulePackFieldAt,
  selectRulePack,
  ViewRequest,
  viewingErrors,
  viewingOpenAt,
} from '@custos/domain';
import { TimeBoxedSession } from './time-boxed-session.aggregate';

type Event<P> = { payload: P };

export interface OpenViewingSession {
  readonly sessionId: string;
  readonly request: ViewRequest;
  /** The operator: their organisation must own systems the request names (R3.1). */
  readonly opener: { readonly personId: string; readonly organisationId: string; readonly divisionCode?: string };
  readonly durationMs: number;
  readonly now: Date;
  /** The configured rule packs (issue 21); default `DEFAULT_RULE_PACK_CONFIG`. */
  readonly rulePacks?: RulePackConfig;
}

/**
 * A time-boxed viewing of a co-signed VIEW request's footage (R18.1–R18.4), rebuilt from its
 * events. The owner's operator opens it; each of the two co-signing officers joins with their
 * own call, qualified at that moment (the caller checks the registry, R18.2); footage plays
 * only while it is open, once both have joined, and only to them. It ends when the owner
 * closes it, an officer ends it, its time runs out (recorded by the expiry sweep), or its
 * request is withdrawn (recorded by the view-requests consumer).
 */
export class ViewingSession extends TimeBoxedSession<ViewingSessionOpened> {
  readonly joined = new Map<string, CustodyOfficer>();
  closed?: ViewingSessionClosed;
  protected readonly ending = { type: CUSTODY_VIEWING_SESSION_CLOSED, byField: 'closedByPersonId' } as const;

  protected get end(): ViewingSessionClosed | undefined {
    return this.closed;
  }

  open(command: OpenViewingSession): Result<void> {
    const { request, opener, durationMs, now } = command;
    const may = mayOpenViewing(request, opener.organisationId, durationMs);
    if (!may.ok) return may;
    const coSigner = may.value;
    // The text of the systems' place at the opening governs the viewing (issue 21), and its
    // fewest officers (R18.1; CN2025_MINIMUM_OFFICERS) is fixed for the session's life.
    const place = opener.divisionCode ?? request.requestingDivisionCode;
    const rulePacks = command.rulePacks ?? DEFAULT_RULE_PACK_CONFIG;
    const pack = selectRulePack(place, now, rulePacks);
    this.record<ViewingSessionOpened>(CUSTODY_VIEWING_SESSION_OPENED, {
      sessionId: command.sessionId,
      requestId: request.requestId,
      ownerOrganisationId: opener.organisationId,
      ...(opener.divisionCode === undefined ? {} : { ownerDivisionCode: opener.divisionCode }),
      openedByPersonId: opener.personId,
      requestingOrganisationId: request.requestingOrganisationId,
      requestingDivisionCode: request.requestingDivisionCode,
      minimumOfficers: Math.max(MINIMUM_OFFICERS, pack.ok ? pack.value.officers.value.minimum : MINIMUM_OFFICERS),
      coSigners: [
        { personId: request.filer.personId, credentialNumber: request.filer.credentialNumber },
        { personId: coSigner.personId, credentialNumber: coSigner.credentialNumber },
      ],
      caseReference: request.caseReference,
      purpose: request.purpose,
      cameraIds: [...request.cameraIds],
      windowFrom: request.windowFrom,
      windowTo: request.windowTo,
      openedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + durationMs).toISOString(),
      ...rulePackFieldAt(place, now, rulePacks),
    });
    return ok();
  }

  /** Where the viewing takes place: the owner's division (the systems'), else the requesting organ's. */
  get place(): string {
    return this.opened.ownerDivisionCode ?? this.opened.requestingDivisionCode;
  }

  isCoSigner(personId: string): boolean {
    return this.opened.coSigners.some((c) => c.personId === personId);
  }

  /**
   * May this person join under `policy` (R18.1)? Under `onlySigners` (the default) only the
   * filer and the co-signer; without it, any officer — of the requesting organ, checked at
   * `join` once the registry has said which organ that is.
   */
  mayJoin(personId: string, policy: OfficerPolicy = DEFAULT_OFFICER_POLICY): boolean {
    return mayActOnRequest(
      policy,
      this.opened.coSigners.map((c) => c.personId),
      personId,
    );
  }

  /** The fewest officers who must be in before footage plays: the pack's at the opening, two for sessions opened before (R18.1). */
  get minimumOfficers(): number {
    return this.opened.minimumOfficers ?? MINIMUM_OFFICERS;
  }

  /** As many officers as the session's pack asks (at least two, R18.1) are in: footage may play. */
  get bothJoined(): boolean {
    return this.joined.size >= this.minimumOfficers;
  }

  /**
   * An officer joins, already checked as qualified now (R18.2): a co-signer, or under a policy
   * without `onlySigners` another officer of the requesting organ. Joining again records
   * nothing: the first join stands.
   */
  join(
    officer: CustodyOfficer,
    divisionCode: string,
    now: Date,
    policy: OfficerPolicy = DEFAULT_OFFICER_POLICY,
    rulePacks: RulePackConfig = DEFAULT_RULE_PACK_CONFIG,
  ): Result<{ joinedNow: boolean }> {
    const open = this.assertOpen(now);
    if (!open.ok) return open;
    const admitted = { mayJoin: this.mayJoin(officer.personId, policy), isCoSigner: this.isCoSigner(officer.personId) };
    const may = mayJoinViewing(this.opened, officer, admitted);
    if (!may.ok) return may;
    if (this.joined.has(officer.personId)) return ok({ joinedNow: false });
    this.record<OfficerJoinedViewing>(CUSTODY_OFFICER_JOINED_VIEWING, {
      sessionId: this.sessionId,
      officer,
      divisionCode,
      joinedAt: now.toISOString(),
      ...rulePackFieldAt(this.place, now, rulePacks),
    });
    return ok({ joinedNow: true });
  }

  /** May this officer play footage at `now`? Open, at least two joined, and they one of them (R18.1). */
  mayPlay(personId: string, now: Date): Result<CustodyOfficer> {
    const open = this.assertOpen(now);
    if (!open.ok) return open;
    return mayPlayViewing(this.sessionId, this.joined, this.minimumOfficers, personId);
  }

  /** The owner closes early (CLOSED_BY_OWNER), or a joined officer ends it (ENDED_BY_OFFICERS). */
  close(
    reason: Extract<ViewingSessionCloseReason, 'CLOSED_BY_OWNER' | 'ENDED_BY_OFFICERS'>,
    by: { personId: string; organisationId: string },
    now: Date,
  ): Result<void> {
    const open = this.assertOpen(now);
    if (!open.ok) return open;
    if (reason === 'CLOSED_BY_OWNER' && by.organisationId !== this.opened.ownerOrganisationId) {
      return err(viewingErrors.sessionNotFound(this.sessionId));
    }
    if (reason === 'ENDED_BY_OFFICERS' && !this.joined.has(by.personId))
      return err(viewingErrors.notAViewer(this.sessionId, by.personId));
    this.recordEnd(reason, now.toISOString(), by.personId);
    return ok();
  }

  /**
   * The VIEW request was withdrawn (R18.3): a session still open ends now, whoever joined.
   * False, recording nothing, when it has already ended or its time has run out (the sweep
   * records that as EXPIRED), so a redelivered withdrawal closes it once.
   */
  endForWithdrawnRequest(withdrawnByPersonId: string, now: Date): boolean {
    return this.endIfOpen(now, () => this.recordEnd('REQUEST_WITHDRAWN', now.toISOString(), withdrawnByPersonId));
  }

  onViewingSessionOpened({ payload }: Event<ViewingSessionOpened>): void {
    this.opened = payload;
  }

  onOfficerJoinedViewing({ payload }: Event<OfficerJoinedViewing>): void {
    this.joined.set(payload.officer.personId, payload.officer);
  }

  onViewingSessionClosed({ payload }: Event<ViewingSessionClosed>): void {
    this.closed = payload;
  }

  private assertOpen(now: Date): Result<void> {
    return viewingOpenAt({ sessionId: this.sessionId, expiresAt: this.opened.expiresAt, closed: this.closed }, now);
  }
}
