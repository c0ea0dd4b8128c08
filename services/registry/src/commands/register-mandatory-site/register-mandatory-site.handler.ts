import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommandHandler } from '../shared/registry-command-handler';
import { MandatorySiteAggregate } from '../../domain/mandatory-site.aggregate';
import { orRefuse } from '@custos/platform';
import { RegisterMandatorySiteCommand } from './register-mandatory-site.command';

/**
 * R7.1, R7.2: the caller's organ records a site that must have a system and answers for it;
 * it must be a public security organ of county level or above over the site (read from the
 * caller's token, as the registry issued it).
 */
@CommandHandler(RegisterMandatorySiteCommand)
export class RegisterMandatorySiteHandler extends RegistryCommandHandler implements ICommandHandler<RegisterMandatorySiteCommand, { id: string; rule: string; responsibleOrganisationId: string }> {
  async execute({ principal, id, site, coveringSystemIds }: RegisterMandatorySiteCommand) {
    const covering = await Promise.all(
      coveringSystemIds.map(async (systemId) => {
        const s = await this.aggregates.system(systemId);
        return { id: s.key, siteCategories: s.siteCategories, divisionCode: s.divisionCode, removed: s.removed };
      }),
    );
    const responsible = { organisationId: principal.organisationId, type: principal.organisationType, divisionCode: principal.divisionCode };
    const registered = orRefuse(MandatorySiteAggregate.register(id, { ...site, dutySince: site.dutySince ?? this.now() }, responsible, covering));
    await this.aggregates.assertNew('mandatorySite', id);
    await this.aggregates.save(registered, principal);
    return { id, rule: registered.rule, responsibleOrganisationId: principal.organisationId };
  }
}
