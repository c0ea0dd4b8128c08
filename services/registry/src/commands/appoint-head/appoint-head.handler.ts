import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommandHandler } from '../shared/registry-command-handler';
import { orRefuse } from '@custos/platform';
import { AppointHeadCommand } from './appoint-head.command';

/** The term begun, as the caller is answered. */
export type HeadTermBegun = { readonly organisationId: string; readonly personId: string; readonly from: string };

/**
 * A head term begins: from `from` the person may sign the organ's approvals (R17.2–R17.4);
 * a `from` in the past needs a recorded reason (issue 16).
 */
@CommandHandler(AppointHeadCommand)
export class AppointHeadHandler extends RegistryCommandHandler implements ICommandHandler<AppointHeadCommand, HeadTermBegun> {
  async execute({ principal, organisationId, personId, from, name, backdatingReason }: AppointHeadCommand): Promise<HeadTermBegun> {
    const organisation = await this.administeredOrganisation(principal, organisationId);
    orRefuse(organisation.appointHead(personId, from, { now: this.now(), backdatingReason }, name));
    await this.aggregates.save(organisation, principal);
    return { organisationId, personId, from: from.toISOString() };
  }
}
