import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommandHandler } from '../shared/registry-command-handler';
import { orRefuse } from '@custos/platform';
import { EndHeadTermCommand } from './end-head-term.command';

/** The term ended, as the caller is answered. */
export type HeadTermEnded = { readonly organisationId: string; readonly personId: string; readonly to: string };

/** A head term ends; the authority to approve ends with it (R17.2–R17.4). */
@CommandHandler(EndHeadTermCommand)
export class EndHeadTermHandler extends RegistryCommandHandler implements ICommandHandler<EndHeadTermCommand, HeadTermEnded> {
  async execute({ principal, organisationId, personId, to }: EndHeadTermCommand): Promise<HeadTermEnded> {
    const organisation = await this.administeredOrganisation(principal, organisationId);
    orRefuse(organisation.endHeadTerm(personId, to));
    await this.aggregates.save(organisation, principal);
    return { organisationId, personId, to: to.toISOString() };
  }
}
