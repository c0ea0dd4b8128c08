import { SignageEvidenceRecorded } from '@custos/contracts';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertMayRecordSignage } from '../../access/registry-access';
import { orRefuse, RegistryContext } from '../../registry.context';
import { RecordSignageEvidenceCommand } from './record-signage-evidence.command';

/** R11.1: an observation of a system's sign joins its history; a sign seen missing is a finding for oversight. */
@CommandHandler(RecordSignageEvidenceCommand)
export class RecordSignageEvidenceHandler implements ICommandHandler<RecordSignageEvidenceCommand, SignageEvidenceRecorded & { missingFound: boolean }> {
  constructor(private readonly registry: RegistryContext) {}

  async execute({ principal, systemId, evidenceId, evidence }: RecordSignageEvidenceCommand) {
    const system = await this.registry.system(systemId);
    const { byPsb } = assertMayRecordSignage(principal, system);
    const recorded = orRefuse(system.recordSignageEvidence(evidenceId, evidence, { personId: principal.personId, organisationId: principal.organisationId, psb: byPsb }, this.registry.now()));
    await this.registry.save(this.registry.repositories.systems, system, principal);
    return recorded;
  }
}
