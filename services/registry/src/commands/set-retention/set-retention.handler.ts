import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertMayManageSystem } from '../../access/registry-access';
import { orRefuse, RegistryContext } from '../../registry.context';
import { SetRetentionCommand } from './set-retention.command';

/** R16.7: a system's retention, at least 30 days, for the footage it stores from now on. */
@CommandHandler(SetRetentionCommand)
export class SetRetentionHandler implements ICommandHandler<SetRetentionCommand, { id: string; retentionDays: number }> {
  constructor(private readonly registry: RegistryContext) {}

  async execute({ principal, systemId, retentionDays, retentionBasis }: SetRetentionCommand) {
    const system = await this.registry.system(systemId);
    assertMayManageSystem(principal, system);
    orRefuse(system.setRetention(retentionDays, retentionBasis, this.registry.now(), this.registry.rulePacks));
    await this.registry.save(this.registry.repositories.systems, system, principal);
    return { id: systemId, retentionDays };
  }
}
