import {
  FEE_CHARGE_REFUSED,
  FeeChargeRefused,
  FULFILMENT_OVERDUE_ESCALATED,
  FulfilmentOverdueEscalated,
  REQUEST_CO_SIGNED,
  REQUEST_EXPIRED,
  REQUEST_FILED,
  REQUEST_WITHDRAWN,
  RequestCoSigned,
  RequestExpired,
  RequestFiled,
  RequestWithdrawn,
} from '@custos/contracts';
import {
  assertCoSignature,
  assertNoFee,
  DEFAULT_OFFICER_POLICY,
  DomainError,
  domainErrorOf,
  err,
  FulfilmentKind,
  fulfilmentEscalationDue,
  ok,
  Officer,
  OfficerPolicy,
  requiresApproval,
  RequestKind,
  Result,
  recordedRuleOf,
  RulePack,
  RulePackConfig,
  rulePackRefOf,
  selectRulePackForRequest,
  underRulePack,
} from '@custos/domain';
import { DomainEvent, EventSourcedAggregate } from '@custos/eventstore';
import { requestsErrors } from './requests.errors';

export type RequestStatus = 'AWAITING_CO_SIGNATURE' | 'CO_SIGNED' | 'WITHDRAWN' | 'EXPIRED';

/**
 * An access request (Articles 17–18): filed by one officer, registered once a second officer
 * of the same organ co-signs (R18.1–R18.3), withdrawn by a signer, or expired when nobody
 * co-signs in time. Decisions return a `Result`; only a successful one records a fact, so a
 * refusal changes nothing — except an owner's fee attempt, which is itself a fact (R17.5).
 */
export class AccessRequest extends EventSourcedAggregate {
  status?: RequestStatus;
  filed?: RequestFiled;
  coSignerPersonId?: string;
  /** The systems for which this request's overdue fulfilment was escalated (R16.5): once each. */
  readonly escalatedSystems = new Set<string>();

  get kind(): RequestKind {
    return this.filed!.kind as RequestKind;
  }

  static file(id: string, facts: RequestFiled): AccessRequest {
    const request = new AccessRequest(id);
    request.record(REQUEST_FILED, facts);
    return request;
  }

  /**
   * The rule pack of an act on this request at `now`: the text of the place where its systems
   * stand at that instant (issue 21).
   */
  rulePackAt(now: Date, config: RulePackConfig): Result<RulePack> {
    const { systemDivisionCodes, requestingOrganisation } = this.filed!;
    return selectRulePackForRequest({ systemDivisionCodes, requesterDivisionCode: requestingOrganisation.divisionCode }, now, config);
  }

  /**
   * R18.1–R18.2: a second, different, qualified officer before the deadline; of the same organ
   * under the policy `officersOfOneOrgan` (the default); as many as the pack asks (at least
   * two). The pack, when given, is recorded with the co-signature.
   */
  coSign(
    filer: Officer,
    coSigner: Officer,
    now: Date,
    policy: OfficerPolicy = DEFAULT_OFFICER_POLICY,
    pack?: RulePack,
  ): Result<RequestCoSigned> {
    if (this.status !== 'AWAITING_CO_SIGNATURE') return err(requestsErrors.notAwaitingCoSignature(this.id, this.status ?? 'NONE'));
    if (now.getTime() >= Date.parse(this.filed!.coSignDeadline)) {
      return err(requestsErrors.coSignatureExpired(this.id, this.filed!.coSignDeadline));
    }
    const checked = assertCoSignature({ filer, coSigner, at: now, policy, minimumOfficers: pack?.officers.value.minimum });
    const signed = pack ? underRulePack(checked, pack) : checked;
    if (!signed.ok) return signed;
    const payload: RequestCoSigned = {
      coSigner: { personId: coSigner.personId, credentialNumber: signed.value.credentialNumbers[1] },
      credentialNumbers: [...signed.value.credentialNumbers],
      coSignedAt: now.toISOString(),
      needsApproval: requiresApproval(this.kind),
      ...(pack ? { rulePack: rulePackRefOf(pack) } : {}),
    };
    this.record(REQUEST_CO_SIGNED, payload);
    return ok(payload);
  }

  withdraw(personId: string, reason: string, now: Date): Result<void> {
    if (this.status === 'WITHDRAWN' || this.status === 'EXPIRED') return err(requestsErrors.requestClosed(this.id, this.status));
    if (personId !== this.filed!.filer.personId && personId !== this.coSignerPersonId) {
      return err(requestsErrors.notASigner(this.id, personId));
    }
    const payload: RequestWithdrawn = { withdrawnBy: personId, reason, withdrawnAt: now.toISOString() };
    this.record(REQUEST_WITHDRAWN, payload);
    return ok();
  }

  /** Expires a request nobody co-signed by its deadline (R18.1); false when there is nothing to do. */
  expireIfStale(now: Date): boolean {
    if (this.status !== 'AWAITING_CO_SIGNATURE' || now.getTime() < Date.parse(this.filed!.coSignDeadline)) return false;
    const refusal = domainErrorOf('CUSTOS_R18_1_SECOND_OFFICER_REQUIRED');
    const payload: RequestExpired = {
      coSignDeadline: this.filed!.coSignDeadline,
      expiredAt: now.toISOString(),
      code: refusal.code,
      rule: recordedRuleOf(refusal),
      reason: `${refusal.message}: no second officer co-signed before ${this.filed!.coSignDeadline}`,
    };
    this.record(REQUEST_EXPIRED, payload);
    return true;
  }

  /**
   * Escalates the request to the PSB supervising one of its systems when the owner has not
   * fulfilled it by its deadline (R16.5, `fulfilmentEscalationDue`); null when nothing is due —
   * not ready, fulfilled, not yet late, or already escalated for that system, which this
   * stream's own events decide, so a repeated or concurrent sweep records it once.
   */
  escalateOverdueFulfilment(
    target: { imageSystemId: string; ownerOrganisationId: string; supervisingOrganisationId: string },
    facts: { readySince: Date; fulfilled: boolean; stillOwed: boolean },
    now: Date,
    deadlinesMs: Readonly<Record<FulfilmentKind, number>>,
  ): FulfilmentOverdueEscalated | null {
    if (this.kind === 'DIRECT_ACCESS') return null;
    const kind = this.kind as FulfilmentKind;
    const due = fulfilmentEscalationDue(
      { kind, ...facts, stillOwed: facts.stillOwed && this.status === 'CO_SIGNED', alreadyEscalated: this.escalatedSystems.has(target.imageSystemId) },
      now,
      deadlinesMs,
    );
    if (due === null) return null;
    const payload: FulfilmentOverdueEscalated = {
      kind,
      ...target,
      readySince: facts.readySince.toISOString(),
      fulfilBy: due.toISOString(),
      escalatedAt: now.toISOString(),
      rule: 'R16.5',
    };
    this.record(FULFILMENT_OVERDUE_ESCALATED, payload);
    return payload;
  }

  /**
   * An owner's attempt to attach a charge (R17.5). A non-zero amount is refused and the
   * refusal recorded; returns the refusal to answer with, or null for a zero "fee".
   */
  attemptFee(ownerOrganisationId: string, attemptedBy: string, amount: number, currency?: string, pack?: RulePack): DomainError | null {
    const noFee = pack ? underRulePack(assertNoFee(amount, pack), pack) : assertNoFee(amount);
    if (noFee.ok) return null;
    const payload: FeeChargeRefused = {
      ownerOrganisationId,
      attemptedBy,
      amount: Number.isFinite(amount) ? amount : 0,
      ...(currency === undefined ? {} : { currency }),
      code: noFee.error.code,
      rule: recordedRuleOf(noFee.error),
      reason: noFee.error.message,
      ...(pack ? { rulePack: rulePackRefOf(pack) } : {}),
    };
    this.record(FEE_CHARGE_REFUSED, payload);
    return noFee.error;
  }

  protected onRequestFiled(e: DomainEvent<RequestFiled>): void {
    this.filed = e.payload;
    this.status = 'AWAITING_CO_SIGNATURE';
  }

  protected onRequestCoSigned(e: DomainEvent<RequestCoSigned>): void {
    this.status = 'CO_SIGNED';
    this.coSignerPersonId = e.payload.coSigner.personId;
  }

  protected onRequestWithdrawn(): void {
    this.status = 'WITHDRAWN';
  }

  protected onFulfilmentOverdueEscalated(e: DomainEvent<FulfilmentOverdueEscalated>): void {
    this.escalatedSystems.add(e.payload.imageSystemId);
  }

  protected onRequestExpired(): void {
    this.status = 'EXPIRED';
  }
}
