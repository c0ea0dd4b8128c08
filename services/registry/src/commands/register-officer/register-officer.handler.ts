import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommandHandler } from '../shared/registry-command-handler';
import { OfficerAggregate } from '../../domain/officer.aggregate';
import { RegisterOfficerCommand } from './register-officer.command';

/** An officer of an organisation within the administrator's jurisdiction (R5.1, R18.1). */
@CommandHandler(RegisterOfficerCommand)
export class RegisterOfficerHandler extends RegistryCommandHandler implements ICommandHandler<RegisterOfficerCommand, { id: string }> {
  async execute(command: RegisterOfficerCommand): Promise<{ id: string }> {
    const { principal, id, personId, organisationId, name } = command;
    await this.administeredOrganisation(principal, organisationId);
    await this.aggregates.assertNew('officer', id);
    const officer = OfficerAggregate.register(id, { personId, organisationId, name });
    await this.aggregates.save(officer, principal);
    return { id };
  }
}
