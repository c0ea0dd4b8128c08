import { SignageEvidenceRecorded } from '@custos/contracts';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommandHandler } from '../shared/registry-command-handler';
import { assertMayRecordSignage } from '../../access/registry-access';
import { orRefuse } from '@custos/platform';
import { RecordSignageEvidenceCommand } from './record-signage-evidence.command';

/** R11.1: an observation of a system's sign joins its history; a sign seen missing is a finding for oversight. */
@CommandHandler(RecordSignageEvidenceCommand)
export class RecordSignageEvidenceHandler extends RegistryCommandHandler implements ICommandHandler<RecordSignageEvidenceCommand, SignageEvidenceRecorded & { missingFound: boolean }> {
  async execute({ principal, systemId, evidenceId, evidence }: RecordSignageEvidenceCommand) {
    const system = await this.aggregates.system(systemId);
    const { byPsb } = assertMayRecordSignage(principal, system);
    const recorded = orRefuse(system.recordSignageEvidence(evidenceId, evidence, { personId: principal.personId, organisationId: principal.organisationId, psb: byPsb }, this.now()));
    await this.aggregates.save(system, principal);
    return recorded;
  }
}
