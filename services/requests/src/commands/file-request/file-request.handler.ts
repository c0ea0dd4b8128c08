import { randomUUID } from 'node:crypto';
import { RequestFiled } from '@custos/contracts';
import {
  assertDirectAccessGrantPeriod,
  assertFootageWindow,
  assertMayRequest,
  assertQualificationValid,
  RequestKind,
  rulePackRefOf,
  selectRulePackForRequest,
  TimeWindow,
  underRulePack,
} from '@custos/domain';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccessRequest } from '../../domain/access-request.aggregate';
import { requestsErrors } from '../../domain/requests.errors';
import { officerOf } from '../../shared/officer-check';
import { commandContextOf, refuse } from '../../shared/refusal';
import { AccessRequestCommandHandler } from '../access-request-command.handler';
import { FileRequestCommand, FileRequestResult } from './file-request.command';

/**
 * Files a request for the caller's organ under the rule pack of the systems' place at this
 * instant (issue 21), recorded in the filing: the organ may ask for this kind (R17.1, R17.4,
 * CN2025-USE), the
 * filer is a qualified officer of it (R18.2), every camera exists, and the window is not empty
 * nor in the future (R18.4) — or, for direct access, is a time-boxed grant period (R17.4). Its
 * age is no ground for refusal: retention is a floor (R16.7), and the owner answers for footage
 * it no longer holds. It then waits for a second officer (R18.1).
 */
@CommandHandler(FileRequestCommand)
export class FileRequestHandler extends AccessRequestCommandHandler implements ICommandHandler<FileRequestCommand, FileRequestResult> {
  async execute({ principal, body }: FileRequestCommand): Promise<FileRequestResult> {
    const now = this.options.clock();
    const kind = body.kind as RequestKind;
    // The registry is asked everything at once (no question depends on another's answer); the
    // answers are judged below in the rules' order, so the first refusal is the same as before.
    const filerLookup = officerOf(this.facts, principal);
    filerLookup.catch(() => undefined);
    const [organisation, cameras] = await Promise.all([
      this.facts.organisation(principal.organisationId),
      // The cameras are read before any refusal only to know where the systems stand: which text governs.
      Promise.all(body.cameraIds.map((id) => this.facts.camera(id))),
    ]);
    if (organisation === undefined) refuse(requestsErrors.unknownOrganisation(principal.organisationId));
    const located = await this.systemDivisionCodes(unique(cameras.flatMap((c) => (c ? [c.ownerOrganisationId] : []))));
    const pack = selectRulePackForRequest({ ...located, requesterDivisionCode: organisation.divisionCode }, now, this.options.rulePacks);
    if (!pack.ok) refuse(pack.error);
    const may = underRulePack(assertMayRequest(organisation.type, kind, pack.value, organisation.level), pack.value);
    if (!may.ok) refuse(may.error);

    const filer = await filerLookup;
    const credential = assertQualificationValid(filer.qualification, now, { role: 'filer', personId: filer.personId });
    if (!credential.ok) refuse(credential.error);

    const unknown = body.cameraIds.filter((_, i) => cameras[i] === undefined);
    if (unknown.length > 0) refuse(requestsErrors.unknownCameras(unknown));
    const known = cameras.map((c) => c!);

    const window: TimeWindow = { from: new Date(body.window.from), to: new Date(body.window.to) };
    const windowOk =
      kind === 'DIRECT_ACCESS'
        ? assertDirectAccessGrantPeriod(window, now, this.options.maxDirectAccessGrantMs)
        : assertFootageWindow(window, now);
    if (!windowOk.ok) refuse(windowOk.error);

    const owners = unique(known.map((c) => c.ownerOrganisationId));
    const requestId = randomUUID();
    const coSignDeadline = new Date(now.getTime() + this.options.coSignTimeoutMs).toISOString();
    const filed: RequestFiled = {
      kind,
      requestingOrganisation: {
        id: organisation.id,
        type: organisation.type,
        level: organisation.level,
        divisionCode: organisation.divisionCode,
      },
      caseReference: body.caseReference,
      purpose: body.purpose,
      imageSystemIds: unique(known.map((c) => c.imageSystemId)),
      cameraIds: [...body.cameraIds],
      ownerOrganisationIds: owners,
      ...located,
      window: { from: window.from.toISOString(), to: window.to.toISOString() },
      filer: { personId: filer.personId, credentialNumber: credential.value },
      filedAt: now.toISOString(),
      coSignDeadline,
      rulePack: rulePackRefOf(pack.value),
    };
    const request = AccessRequest.file(requestId, filed);
    await this.requests.transaction((tx) => this.requests.save(request, commandContextOf(principal), tx));
    return { requestId, status: 'AWAITING_CO_SIGNATURE', coSignDeadline };
  }

  /**
   * Where the systems stand — their owners' divisions — for the approvers' territorial
   * competence (R17.3 policy); left out when an owner is not found, so no approver is widened
   * on a partial answer.
   */
  private async systemDivisionCodes(ownerIds: string[]): Promise<{ systemDivisionCodes?: string[] }> {
    const owners = await Promise.all(ownerIds.map((id) => this.facts.organisation(id)));
    if (owners.some((o) => o === undefined)) return {};
    return { systemDivisionCodes: unique(owners.map((o) => o!.divisionCode)) };
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort();
}
