import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { orRefuse, RegistryContext } from '../../registry.context';
import { RecordSiteCoverageCommand } from './record-site-coverage.command';

/** R7.1, R7.2: the responsible PSB links a registered system in use, of the site's category, to the site. */
@CommandHandler(RecordSiteCoverageCommand)
export class RecordSiteCoverageHandler implements ICommandHandler<RecordSiteCoverageCommand, { siteId: string; imageSystemId: string; recordedAt: string }> {
  constructor(private readonly registry: RegistryContext) {}

  async execute({ principal, siteId, imageSystemId }: RecordSiteCoverageCommand) {
    const site = await this.registry.mandatorySite(siteId);
    const system = await this.registry.system(imageSystemId);
    const at = this.registry.now();
    orRefuse(
      site.recordCoverage(
        { id: system.key, siteCategories: system.siteCategories, divisionCode: system.divisionCode, removed: system.removed },
        principal.organisationId,
        at,
      ),
    );
    await this.registry.save(this.registry.repositories.mandatorySites, site, principal);
    return { siteId, imageSystemId, recordedAt: at.toISOString() };
  }
}
