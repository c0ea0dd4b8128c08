import { refuse, orRefuse } from '@custos/platform';
import { domainErrorOf } from '@custos/domain';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommandHandler } from '../shared/registry-command-handler';
import { IssueQualificationCommand } from './issue-qualification.command';

/** The credential issued, as the caller is answered. */
export type QualificationIssued = { readonly officerId: string; readonly credentialNumber: string };

/** A law-enforcement credential for an officer, ACTIVE from its issuance (R18.2); issued in the past only with a recorded reason (issue 16). */
@CommandHandler(IssueQualificationCommand)
export class IssueQualificationHandler extends RegistryCommandHandler implements ICommandHandler<IssueQualificationCommand, QualificationIssued> {
  async execute({ principal, officerId, credentialNumber, issuedAt, expiresAt, backdatingReason }: IssueQualificationCommand): Promise<QualificationIssued> {
    const officer = await this.administeredOfficer(principal, officerId);
    // R18.1: one credential stands for one officer; a number issued to anyone else is refused.
    if (await this.aggregates.credentialIssued(credentialNumber)) {
      refuse(domainErrorOf('CUSTOS_REGISTRY_CREDENTIAL_ALREADY_ISSUED', { credentialNumber }));
    }
    orRefuse(officer.issueQualification(credentialNumber, issuedAt, expiresAt, { now: this.now(), backdatingReason }));
    await this.aggregates.save(officer, principal);
    return { officerId, credentialNumber };
  }
}
