import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { administeredOrganisation } from '../shared/administered';
import { OfficerAggregate } from '../../domain/officer.aggregate';
import { RegistryAggregates } from '../shared/registry-aggregates';
import { RegisterOfficerCommand } from './register-officer.command';

/** An officer of an organisation within the administrator's jurisdiction (R5.1, R18.1). */
@CommandHandler(RegisterOfficerCommand)
export class RegisterOfficerHandler implements ICommandHandler<RegisterOfficerCommand, { id: string }> {
  constructor(private readonly aggregates: RegistryAggregates) {}

  async execute(command: RegisterOfficerCommand): Promise<{ id: string }> {
    const { principal, id, personId, organisationId, name } = command;
    await administeredOrganisation(this.aggregates, principal, organisationId);
    await this.aggregates.assertNew('officer', id);
    const officer = OfficerAggregate.register(id, { personId, organisationId, name });
    await this.aggregates.save(officer, principal);
    return { id };
  }
}
