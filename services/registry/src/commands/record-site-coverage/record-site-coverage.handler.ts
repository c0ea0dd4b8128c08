import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommandHandler } from '../shared/registry-command-handler';
import { orRefuse } from '@custos/platform';
import { RecordSiteCoverageCommand } from './record-site-coverage.command';

/** The coverage recorded, as the caller is answered. */
export type SiteCoverageRecorded = { readonly siteId: string; readonly imageSystemId: string; readonly recordedAt: string };

/** R7.1, R7.2: the responsible PSB links a registered system in use, of the site's category, to the site. */
@CommandHandler(RecordSiteCoverageCommand)
export class RecordSiteCoverageHandler extends RegistryCommandHandler implements ICommandHandler<RecordSiteCoverageCommand, SiteCoverageRecorded> {
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
