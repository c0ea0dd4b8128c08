import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { REGISTRY_CLOCK, RegistryAggregates } from '../shared/registry-aggregates';
import { orRefuse } from '@custos/platform';
import { Inject } from '@nestjs/common';
import { RecordSiteCoverageCommand } from './record-site-coverage.command';

/** R7.1, R7.2: the responsible PSB links a registered system in use, of the site's category, to the site. */
@CommandHandler(RecordSiteCoverageCommand)
export class RecordSiteCoverageHandler implements ICommandHandler<RecordSiteCoverageCommand, { siteId: string; imageSystemId: string; recordedAt: string }> {
  constructor(
    private readonly aggregates: RegistryAggregates,
    @Inject(REGISTRY_CLOCK) private readonly now: () => Date,
  ) {}

  async execute({ principal, siteId, imageSystemId }: RecordSiteCoverageCommand) {
    const site = await this.aggregates.mandatorySite(siteId);
    const system = await this.aggregates.system(imageSystemId);
    const at = this.now();
    orRefuse(
      site.recordCoverage(
        { id: system.key, siteCategories: system.siteCategories, divisionCode: system.divisionCode, removed: system.removed },
        principal.organisationId,
        at,
      ),
    );
    await this.aggregates.save(site, principal);
    return { siteId, imageSystemId, recordedAt: at.toISOString() };
  }
}
