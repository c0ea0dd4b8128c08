import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertMayManageSystem } from '../../access/registry-access';
import { orRefuse, RegistryContext } from '../../registry.context';
import { ReportFacilityChangeCommand } from './report-facility-change.command';

export interface FacilityChangeReceipt {
  readonly changeId: string;
  readonly changedAt: string;
  readonly reportedAt: string;
  readonly late: boolean;
  readonly finding?: { readonly code: string; readonly rule: string; readonly overdueMs: number };
}

/**
 * R15.1: the report is stamped with the registry's clock, not a date the owner chooses; a
 * report more than 30 days after the change is accepted, flagged late, and a finding event is
 * recorded for oversight (R24.1).
 */
@CommandHandler(ReportFacilityChangeCommand)
export class ReportFacilityChangeHandler implements ICommandHandler<ReportFacilityChangeCommand, FacilityChangeReceipt> {
  constructor(private readonly registry: RegistryContext) {}

  async execute(command: ReportFacilityChangeCommand): Promise<FacilityChangeReceipt> {
    const { principal, systemId, changeId, kind, cameraId, description, changedAt } = command;
    const system = await this.registry.system(systemId);
    assertMayManageSystem(principal, system);
    const reportedAt = this.registry.now();
    const lateness = orRefuse(system.reportChange(changeId, kind, cameraId, description, changedAt, reportedAt));
    await this.registry.save(this.registry.repositories.systems, system, principal);
    return {
      changeId,
      changedAt: changedAt.toISOString(),
      reportedAt: reportedAt.toISOString(),
      late: lateness.late,
      ...(lateness.late
        ? { finding: { code: lateness.finding.code, rule: lateness.finding.rule, overdueMs: lateness.overdueMs } }
        : {}),
    };
  }
}
