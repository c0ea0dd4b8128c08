import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { administeredOfficer } from '../shared/administered';
import { RegistryAggregates } from '../shared/registry-aggregates';
import { orRefuse } from '@custos/platform';
import { ChangeQualificationStatusCommand } from './change-qualification-status.command';

/** The credential's new status, as the caller is answered. */
export interface QualificationStatusChanged {
  readonly officerId: string;
  readonly credentialNumber: string;
  readonly status: string;
  readonly since: string;
}

/** Suspends, reinstates or revokes a credential from an instant on; history is kept whole (R18.2). */
@CommandHandler(ChangeQualificationStatusCommand)
export class ChangeQualificationStatusHandler implements ICommandHandler<ChangeQualificationStatusCommand, QualificationStatusChanged> {
  constructor(private readonly aggregates: RegistryAggregates) {}

  async execute(command: ChangeQualificationStatusCommand): Promise<QualificationStatusChanged> {
    const { principal, officerId, credentialNumber, status, since, reason } = command;
    const officer = await administeredOfficer(this.aggregates, principal, officerId);
    orRefuse(officer.changeQualificationStatus(credentialNumber, status, since, reason));
    await this.aggregates.save(officer, principal);
    return { officerId, credentialNumber, status, since: since.toISOString() };
  }
}
