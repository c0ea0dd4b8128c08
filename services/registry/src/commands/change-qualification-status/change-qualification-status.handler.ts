import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommandHandler } from '../shared/registry-command-handler';
import { orRefuse } from '@custos/platform';
import { ChangeQualificationStatusCommand } from './change-qualification-status.command';

/** The credential's new status, as the caller is answered. */
export type QualificationStatusChanged = { readonly officerId: string; readonly credentialNumber: string; readonly status: string; readonly since: string };

/** Suspends, reinstates or revokes a credential from an instant on; history is kept whole (R18.2). */
@CommandHandler(ChangeQualificationStatusCommand)
export class ChangeQualificationStatusHandler extends RegistryCommandHandler implements ICommandHandler<ChangeQualificationStatusCommand, QualificationStatusChanged> {
  async execute(command: ChangeQualificationStatusCommand): Promise<QualificationStatusChanged> {
    const { principal, officerId, credentialNumber, status, since, reason } = command;
    const officer = await this.administeredOfficer(principal, officerId);
    orRefuse(officer.changeQualificationStatus(credentialNumber, status, since, reason));
    await this.aggregates.save(officer, principal);
    return { officerId, credentialNumber, status, since: since.toISOString() };
  }
}
