import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { requestsErrors } from '../../domain/requests.errors';
import { officerOf } from '../../shared/officer-check';
import { changeAccessRequest, refuse } from '../../shared/refusal';
import { AccessRequestCommandHandler } from '../access-request-command.handler';
import { CoSignRequestCommand, CoSignRequestResult } from './co-sign-request.command';

/**
 * The second officer signs through their own authenticated call (R18.1): a different person
 * with a different credential, of the same organ under the configured officer policy, both
 * qualified at this instant (R18.2); the
 * credential numbers are recorded for the register (R18.3, R16.6).
 */
@CommandHandler(CoSignRequestCommand)
export class CoSignRequestHandler extends AccessRequestCommandHandler implements ICommandHandler<CoSignRequestCommand, CoSignRequestResult> {
  async execute({ principal, requestId }: CoSignRequestCommand): Promise<CoSignRequestResult> {
    const coSigner = await officerOf(this.facts, principal);
    return changeAccessRequest(this.requests, principal, requestId, async (request) => {
      // The filer is judged again on the credential they showed when filing (R18.2), not on one the registry fills in.
      const filer = await this.facts.officer(request.filed!.filer.personId, request.filed!.filer.credentialNumber);
      if (filer === undefined) refuse(requestsErrors.unknownOfficer(request.filed!.filer.personId, 'the filing officer is no longer in the registry'));
      const now = this.options.clock();
      const pack = request.rulePackAt(now, this.options.rulePacks);
      if (!pack.ok) refuse(pack.error);
      const signed = request.coSign(filer, coSigner, now, this.options.officerPolicy, pack.value);
      if (!signed.ok) refuse(signed.error);
      return {
        requestId,
        status: signed.value.needsApproval ? 'AWAITING_APPROVAL' : 'REGISTERED',
        credentialNumbers: signed.value.credentialNumbers,
      };
    });
  }
}
