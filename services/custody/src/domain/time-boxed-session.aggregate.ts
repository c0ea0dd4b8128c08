import { EventSourcedAggregate } from '@custos/eventstore';

/** What every kind of session's opening names: which request, for which organ, and its time box. */
export interface SessionOpening {
  readonly sessionId: string;
  readonly requestId: string;
  readonly requestingOrganisationId: string;
  readonly openedAt: string;
  readonly expiresAt: string;
}

/**
 * A time-boxed session (viewing, R18.1–R18.4; direct access, R17.4), rebuilt from its events:
 * open until its end is recorded or its time runs out (even before the sweep records that). Both
 * kinds end and expire the same way; each records its own end event.
 */
export abstract class TimeBoxedSession<O extends SessionOpening> extends EventSourcedAggregate {
  opened!: O;

  /** The recorded end, if any. */
  protected abstract get end(): object | undefined;

  /** The kind's end event, and the field of its payload naming who ended the session. */
  protected abstract readonly ending: { readonly type: string; readonly byField: string };

  get sessionId(): string {
    return this.opened.sessionId;
  }

  get expiresAt(): Date {
    return new Date(this.opened.expiresAt);
  }

  /** Open at `now`: no end recorded, and its time not run out. */
  isOpenAt(now: Date): boolean {
    return this.end === undefined && now.getTime() < this.expiresAt.getTime();
  }

  /** Records the end of a session whose time ran out; the end is its expiry, not the sweep's time. */
  expireIfDue(now: Date): boolean {
    if (this.end !== undefined || now.getTime() < this.expiresAt.getTime()) return false;
    this.recordEnd('EXPIRED', this.opened.expiresAt);
    return true;
  }

  /** Records the session's end: why, when, and who ended it, if anyone did. */
  protected recordEnd(reason: string, at: string, personId?: string): void {
    const { type, byField } = this.ending;
    this.record(type, { sessionId: this.sessionId, reason, ...(personId === undefined ? {} : { [byField]: personId }), at });
  }

  /** What every kind of session's state after a command shows of its opening (`SessionStateBaseDto`). */
  get openingState(): SessionOpening {
    const { sessionId, requestId, requestingOrganisationId, openedAt, expiresAt } = this.opened;
    return { sessionId, requestId, requestingOrganisationId, openedAt, expiresAt };
  }

  /** Ends a session still open at `now` with `record` (false, recording nothing, when already over: a redelivery ends it once). */
  protected endIfOpen(now: Date, record: () => void): boolean {
    if (!this.isOpenAt(now)) return false;
    record();
    return true;
  }
}

/** The officers in a session as an answer names them: who, with the credential they showed (R18.1, R18.2). */
export function officerCredentials(officers: Map<string, OfficerCredential>): OfficerCredential[] {
  return [...officers.values()].map((o) => ({ personId: o.personId, credentialNumber: o.credentialNumber }));
}

interface OfficerCredential {
  readonly personId: string;
  readonly credentialNumber: string;
}
