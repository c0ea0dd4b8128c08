import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { parseDivisionCode, RulePackConfig } from '@custos/domain';
import { assertMayManageSystem } from '../../access/registry-access';
import { ImageSystemAggregate } from '../../domain/image-system.aggregate';
import { REGISTRY_CLOCK, REGISTRY_RULE_PACKS, RegistryAggregates } from '../shared/registry-aggregates';
import { orRefuse } from '@custos/platform';
import { Inject } from '@nestjs/common';
import { RegisterImageSystemCommand } from './register-image-system.command';

/** R2.1, R7.1/R7.2, R11.1: an image system of an existing owner; a missing sign is a finding. */
@CommandHandler(RegisterImageSystemCommand)
export class RegisterImageSystemHandler implements ICommandHandler<RegisterImageSystemCommand, { id: string }> {
  constructor(
    private readonly aggregates: RegistryAggregates,
    @Inject(REGISTRY_CLOCK) private readonly now: () => Date,
    @Inject(REGISTRY_RULE_PACKS) private readonly rulePacks: RulePackConfig,
  ) {}

  async execute({ principal, id, props }: RegisterImageSystemCommand): Promise<{ id: string }> {
    orRefuse(parseDivisionCode(props.divisionCode));
    assertMayManageSystem(principal, props);
    await this.aggregates.organisation(props.ownerOrganisationId);
    await this.aggregates.assertNew('system', id);
    const system = orRefuse(ImageSystemAggregate.register(id, props, this.now(), this.rulePacks));
    await this.aggregates.save(system, principal);
    return { id };
  }
}
