import { refuse } from '@custos/platform';
import { CHINA_STATUTORY_HOLIDAYS, domainErrorOf, recordedRuleOf } from '@custos/domain';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertMayManageSystem } from '../../access/registry-access';
import { REGISTRY_CLOCK, RegistryAggregates, RegistryPlaces } from '../shared/registry-aggregates';
import { Inject } from '@nestjs/common';
import { ReportFacilityChangeCommand } from './report-facility-change.command';

export interface FacilityChangeReceipt {
  readonly changeId: string;
  readonly changedAt: string;
  readonly reportedAt: string;
  /** The county public security organ the report is addressed to (R15.1). */
  readonly addressedToOrganisationId: string;
  readonly duty: 'ARTICLE_7' | 'NONE';
  readonly planned: boolean;
  readonly lastDay?: string;
  readonly deadline?: string;
  /** False when the shipped holiday calendar does not cover the deadline: check it by hand. */
  readonly calendarCovers?: boolean;
  readonly late: boolean;
  readonly finding?: { readonly code: string; readonly rule: string; readonly overdueMs: number };
}

/**
 * R15.1: the report is stamped with the registry's clock, not a date the owner chooses, and
 * addressed to the county public security organ where the system stands. For a system of
 * Article 7 a report after the 30 days is accepted, flagged late, and a finding recorded for
 * oversight (R24.1). A new place of a camera forbidden by R8.1 is refused, the refusal saved.
 */
@CommandHandler(ReportFacilityChangeCommand)
export class ReportFacilityChangeHandler implements ICommandHandler<ReportFacilityChangeCommand, FacilityChangeReceipt> {
  constructor(
    private readonly aggregates: RegistryAggregates,
    private readonly places: RegistryPlaces,
    @Inject(REGISTRY_CLOCK) private readonly now: () => Date,
  ) {}

  async execute({ principal, systemId, change }: ReportFacilityChangeCommand): Promise<FacilityChangeReceipt> {
    const system = await this.aggregates.system(systemId);
    assertMayManageSystem(principal, system);
    const addressedTo =
      (await this.places.countyPsbFor(system.divisionCode)) ??
      refuse(domainErrorOf('CUSTOS_R15_1_NO_COUNTY_PSB', { divisionCode: system.divisionCode }));
    const reportedAt = this.now();
    const timing = system.reportChange(change, reportedAt, addressedTo, CHINA_STATUTORY_HOLIDAYS);
    // A refusal by R8.1 has recorded its own event: it is saved before the answer goes out.
    await this.aggregates.save(system, principal);
    if (!timing.ok) refuse(timing.error);
    const t = timing.value;
    return {
      changeId: change.changeId,
      changedAt: change.changedAt.toISOString(),
      reportedAt: reportedAt.toISOString(),
      addressedToOrganisationId: addressedTo,
      duty: t.duty,
      planned: t.planned,
      ...(t.lastDay !== undefined ? { lastDay: t.lastDay, deadline: t.deadline!.toISOString() } : {}),
      ...(t.calendarCovers === false ? { calendarCovers: false } : {}),
      late: t.late,
      ...(t.late ? { finding: { code: t.finding!.code, rule: recordedRuleOf(t.finding!), overdueMs: t.overdueMs! } } : {}),
    };
  }
}
