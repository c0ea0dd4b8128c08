import { SignageEvidenceRecorded } from '@custos/contracts';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertMayRecordSignage } from '../../access/registry-access';
import { REGISTRY_CLOCK, RegistryAggregates } from '../shared/registry-aggregates';
import { orRefuse } from '@custos/platform';
import { Inject } from '@nestjs/common';
import { RecordSignageEvidenceCommand } from './record-signage-evidence.command';

/** R11.1: an observation of a system's sign joins its history; a sign seen missing is a finding for oversight. */
@CommandHandler(RecordSignageEvidenceCommand)
export class RecordSignageEvidenceHandler implements ICommandHandler<RecordSignageEvidenceCommand, SignageEvidenceRecorded & { missingFound: boolean }> {
  constructor(
    private readonly aggregates: RegistryAggregates,
    @Inject(REGISTRY_CLOCK) private readonly now: () => Date,
  ) {}

  async execute({ principal, systemId, evidenceId, evidence }: RecordSignageEvidenceCommand) {
    const system = await this.aggregates.system(systemId);
    const { byPsb } = assertMayRecordSignage(principal, system);
    const recorded = orRefuse(system.recordSignageEvidence(evidenceId, evidence, { personId: principal.personId, organisationId: principal.organisationId, psb: byPsb }, this.now()));
    await this.aggregates.save(system, principal);
    return recorded;
  }
}
