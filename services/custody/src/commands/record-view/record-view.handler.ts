import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ok, Result } from '@custos/domain';
import { EvidenceItemDecision } from '../evidence-item-decision';
import { ViewRecordedDto } from '../evidence-item-commands.response.dto';
import { RecordViewCommand } from './record-view.command';

/** A qualified officer of the holder views the package: registered before access (R16.6, R18.3). */
@CommandHandler(RecordViewCommand)
export class RecordViewHandler implements ICommandHandler<RecordViewCommand, Result<ViewRecordedDto>> {
  constructor(private readonly decisions: EvidenceItemDecision) {}

  async execute({ principal, evidenceItemId, purpose }: RecordViewCommand): Promise<Result<ViewRecordedDto>> {
    const decided = await this.decisions.decide(principal, evidenceItemId, (item, officer, now) =>
      item.view({ organisationId: officer.record.organisationId, divisionCode: principal.divisionCode, officers: [officer.record], purpose, viewedAt: now.toISOString() }),
    );
    if (!decided.ok) return decided;
    return ok({ evidenceItemId, registered: true, holderOrganisationId: decided.value.item.holderOrganisationId });
  }
}
