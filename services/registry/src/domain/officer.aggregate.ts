import {
  OfficerRegistered,
  QualificationIssued,
  QualificationStatusChanged,
  REGISTRY_OFFICER_REGISTERED,
  REGISTRY_QUALIFICATION_ISSUED,
  REGISTRY_QUALIFICATION_STATUS_CHANGED,
} from '@custos/contracts';
import {
  assertBackdatingReasoned,
  err,
  isBackdated,
  ok,
  Qualification,
  QualificationStanding,
  qualificationStandingAt,
  QualificationStatus,
  QualificationStatusChange,
  Result,
  domainErrorOf,
} from '@custos/domain';
import { BackdatingContext } from './backdating-context';
import { PersonAggregate } from './person.aggregate';
import { streamOf } from './stream-ids';

interface MutableQualification extends Qualification {
  readonly statusHistory: QualificationStatusChange[];
}

export interface QualificationAnswer {
  readonly valid: boolean;
  readonly standing: QualificationStanding;
  readonly credentialNumber: string | null;
}

/** A law-enforcement officer of one organ and the history of their credentials (R18.1, R18.2). */
export class OfficerAggregate extends PersonAggregate {
  readonly qualifications: MutableQualification[] = [];

  static register(id: string, props: OfficerRegistered): OfficerAggregate {
    const officer = new OfficerAggregate(streamOf.officer(id));
    officer.record(REGISTRY_OFFICER_REGISTERED, { ...props });
    return officer;
  }

  /** A new credential, ACTIVE from its issuance (the domain treats "no status" as not valid). */
  issueQualification(credentialNumber: string, issuedAt: Date, expiresAt: Date, recorded: BackdatingContext): Result<void> {
    if (this.qualifications.some((q) => q.credentialNumber === credentialNumber)) {
      return err(domainErrorOf('CUSTOS_REGISTRY_CREDENTIAL_ALREADY_ISSUED', { credentialNumber }));
    }
    if (expiresAt.getTime() <= issuedAt.getTime()) {
      return err(
        domainErrorOf('CUSTOS_REGISTRY_CREDENTIAL_DATES_INVALID', {
          issuedAt: issuedAt.toISOString(),
          expiresAt: expiresAt.toISOString(),
        }),
      );
    }
    const reasoned = assertBackdatingReasoned('QUALIFICATION', issuedAt, recorded.now, recorded.backdatingReason);
    if (!reasoned.ok) return reasoned;
    const issued: QualificationIssued = {
      credentialNumber,
      issuedAt: issuedAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
      ...(isBackdated(issuedAt, recorded.now) ? { backdatingReason: recorded.backdatingReason } : {}),
    };
    this.record(REGISTRY_QUALIFICATION_ISSUED, issued);
    const active: QualificationStatusChanged = { credentialNumber, status: 'ACTIVE', since: issued.issuedAt };
    this.record(REGISTRY_QUALIFICATION_STATUS_CHANGED, active);
    return ok();
  }

  /** Suspension, reinstatement or revocation from `since`; a revocation is final (R18.2). */
  changeQualificationStatus(credentialNumber: string, status: QualificationStatus, since: Date, reason?: string): Result<void> {
    const q = this.qualifications.find((x) => x.credentialNumber === credentialNumber);
    if (!q) return err(domainErrorOf('CUSTOS_REGISTRY_CREDENTIAL_NOT_FOUND', { credentialNumber }));
    if (q.statusHistory.some((s) => s.status === 'REVOKED')) {
      return err(domainErrorOf('CUSTOS_REGISTRY_CREDENTIAL_REVOKED', { credentialNumber }));
    }
    if (since.getTime() < q.issuedAt.getTime()) {
      return err(
        domainErrorOf('CUSTOS_REGISTRY_CREDENTIAL_DATES_INVALID', {
          issuedAt: q.issuedAt.toISOString(),
          since: since.toISOString(),
        }),
      );
    }
    const payload: QualificationStatusChanged = {
      credentialNumber,
      status,
      since: since.toISOString(),
      ...(reason ? { reason } : {}),
    };
    this.record(REGISTRY_QUALIFICATION_STATUS_CHANGED, payload);
    return ok();
  }

  /**
   * Was the officer qualified at `at` (R18.2)? Valid when any credential is valid then;
   * otherwise the standing of the latest credential issued by then (or of the first one, when
   * none was issued yet), so the answer says why not.
   */
  qualificationAt(at: Date): QualificationAnswer {
    const valid = this.qualifications.find((q) => qualificationStandingAt(q, at) === 'VALID');
    if (valid) return { valid: true, standing: 'VALID', credentialNumber: valid.credentialNumber };
    const byIssue = [...this.qualifications].sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime());
    const issuedByThen = byIssue.filter((q) => q.issuedAt.getTime() <= at.getTime());
    const relevant = issuedByThen[issuedByThen.length - 1] ?? byIssue[0];
    if (!relevant) return { valid: false, standing: 'NO_STATUS', credentialNumber: null };
    return { valid: false, standing: qualificationStandingAt(relevant, at), credentialNumber: relevant.credentialNumber };
  }

  onOfficerRegistered(e: { payload: OfficerRegistered }): void {
    this.registered(e.payload);
  }

  onQualificationIssued(e: { payload: QualificationIssued }): void {
    this.qualifications.push({
      credentialNumber: e.payload.credentialNumber,
      issuedAt: new Date(e.payload.issuedAt),
      expiresAt: new Date(e.payload.expiresAt),
      statusHistory: [],
    });
  }

  onQualificationStatusChanged(e: { payload: QualificationStatusChanged }): void {
    const q = this.qualifications.find((x) => x.credentialNumber === e.payload.credentialNumber);
    q?.statusHistory.push({ status: e.payload.status as QualificationStatus, since: new Date(e.payload.since) });
  }
}
