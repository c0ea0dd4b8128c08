import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertMayManageSystem } from '../../access/registry-access';
import { REGISTRY_CLOCK, REGISTRY_RULE_PACKS, RegistryAggregates } from '../shared/registry-aggregates';
import { orRefuse } from '@custos/platform';
import { RulePackConfig } from '@custos/domain';
import { Inject } from '@nestjs/common';
import { SetRetentionCommand } from './set-retention.command';

/** The system's retention, as the caller is answered. */
export type SystemRetention = { readonly id: string; readonly retentionDays: number };

/** R16.7: a system's retention, at least 30 days, for the footage it stores from now on. */
@CommandHandler(SetRetentionCommand)
export class SetRetentionHandler implements ICommandHandler<SetRetentionCommand, SystemRetention> {
  constructor(
    private readonly aggregates: RegistryAggregates,
    @Inject(REGISTRY_CLOCK) private readonly now: () => Date,
    @Inject(REGISTRY_RULE_PACKS) private readonly rulePacks: RulePackConfig,
  ) {}

  async execute({ principal, systemId, retentionDays, retentionBasis }: SetRetentionCommand) {
    const system = await this.aggregates.system(systemId);
    assertMayManageSystem(principal, system);
    orRefuse(system.setRetention(retentionDays, retentionBasis, this.now(), this.rulePacks));
    await this.aggregates.save(system, principal);
    return { id: systemId, retentionDays };
  }
}
