import {
  MandatorySiteCoverageRecorded,
  MandatorySiteRegistered,
  REGISTRY_MANDATORY_SITE_COVERAGE_RECORDED,
  REGISTRY_MANDATORY_SITE_REGISTERED,
} from '@custos/contracts';
import {
  assertResponsiblePsb,
  assertSystemCoversSite,
  CoveringSystem,
  domainErrorOf,
  err,
  mandatorySiteRule,
  ok,
  ResponsibleOrgan,
  Result,
  SiteCategory,
} from '@custos/domain';
import { EventSourcedAggregate } from '@custos/eventstore';
import { idOfStream, streamOf } from './stream-ids';

export interface MandatorySiteProps {
  readonly name: string;
  readonly category: SiteCategory;
  readonly address: string;
  readonly divisionCode: string;
  readonly dutySince: Date;
}

/**
 * A site that must have an image system (R7.1, R7.2) and the registered systems the
 * responsible public security organ recorded as covering it. Whether one still does (a removed
 * system covers nothing) is read with the systems, in the registry's supervision lists.
 */
export class MandatorySiteAggregate extends EventSourcedAggregate {
  name = '';
  category: SiteCategory = 'VOLUNTARY';
  rule = '';
  divisionCode = '';
  responsibleOrganisationId = '';
  readonly coveringSystemIds = new Set<string>();

  get key(): string {
    return idOfStream(this.id);
  }

  /**
   * R7.1, R7.2: a site of a mandatory category, recorded by the county-level or higher PSB over
   * it, with the systems that already cover it (recorded in the same fact, so that oversight
   * never sees a covered site uncovered in between).
   */
  static register(
    id: string,
    props: MandatorySiteProps,
    by: ResponsibleOrgan & { organisationId: string },
    covering: readonly CoveringSystem[] = [],
  ): Result<MandatorySiteAggregate> {
    const rule = mandatorySiteRule(props.category);
    if (!rule.ok) return rule;
    const responsible = assertResponsiblePsb(by, props.divisionCode);
    if (!responsible.ok) return responsible;
    for (const system of covering) {
      const covers = assertSystemCoversSite(props, system);
      if (!covers.ok) return covers;
    }
    const site = new MandatorySiteAggregate(streamOf.mandatorySite(id));
    site.record<MandatorySiteRegistered>(REGISTRY_MANDATORY_SITE_REGISTERED, {
      name: props.name,
      category: props.category,
      rule: rule.value,
      address: props.address,
      divisionCode: props.divisionCode,
      responsibleOrganisationId: by.organisationId,
      dutySince: props.dutySince.toISOString(),
      ...(covering.length > 0 ? { coveringSystemIds: [...new Set(covering.map((s) => s.id))] } : {}),
    });
    return ok(site);
  }

  /** The responsible organ records that a registered system of the site's category, in use, covers it (R7.1). */
  recordCoverage(system: CoveringSystem, byOrganisationId: string, at: Date): Result<void> {
    if (byOrganisationId !== this.responsibleOrganisationId) {
      return err(domainErrorOf('CUSTOS_R7_1_NOT_THE_RESPONSIBLE_PSB', { siteId: this.key, responsibleOrganisationId: this.responsibleOrganisationId }));
    }
    if (this.coveringSystemIds.has(system.id)) return err(domainErrorOf('CUSTOS_R7_1_ALREADY_COVERED', { siteId: this.key, imageSystemId: system.id }));
    const covers = assertSystemCoversSite({ category: this.category, divisionCode: this.divisionCode }, system);
    if (!covers.ok) return covers;
    this.record<MandatorySiteCoverageRecorded>(REGISTRY_MANDATORY_SITE_COVERAGE_RECORDED, { imageSystemId: system.id, recordedAt: at.toISOString() });
    return ok();
  }

  onMandatorySiteRegistered(e: { payload: MandatorySiteRegistered }): void {
    this.name = e.payload.name;
    this.category = e.payload.category as SiteCategory;
    this.rule = e.payload.rule;
    this.divisionCode = e.payload.divisionCode;
    this.responsibleOrganisationId = e.payload.responsibleOrganisationId;
    for (const systemId of e.payload.coveringSystemIds ?? []) this.coveringSystemIds.add(systemId);
  }

  onMandatorySiteCoverageRecorded(e: { payload: MandatorySiteCoverageRecorded }): void {
    this.coveringSystemIds.add(e.payload.imageSystemId);
  }
}
