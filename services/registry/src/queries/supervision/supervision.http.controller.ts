import { ApiRefusalCodes } from '@custos/platform';
import { Controller, Inject, Param, Query } from '@nestjs/common';
import { AnyRole, CurrentPrincipal, Principal } from '@custos/auth';
import { MANDATORY_SITE_GRACE_DAYS, mandatorySiteDue } from '@custos/domain';
import { assertMayRead } from '../../access/registry-access';
import { RegistryReadModel } from '../shared/registry-read-model';
import { REGISTRY_CLOCK, RegistryAggregates } from '../../commands/shared/registry-aggregates';
import { columns, equalTo, listPage, withinDivision } from '../shared/list-query';
import { ListFacilityChangesRequestDto, ListMandatorySitesRequestDto } from './supervision.request.dto';
import { FacilityChangeQueueDto, MandatorySitePageDto, MandatorySiteViewDto, SignageHistoryDto } from './supervision.response.dto';
import { ReadEndpoint } from '../shared/read-endpoint';

/** A site's own columns, as the site's view names them. */
const siteColumns = columns<MandatorySiteViewDto>(['id', 'name', 'category', 'rule', 'address', 'divisionCode', 'responsibleOrganisationId']);

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : (v as Date).toISOString());

/**
 * Each site with the systems in use that cover it and, when none does, since when: its duty's
 * start, or the removal (reported, R15.1) of the last system that covered it.
 */
const SITES = `(SELECT m.*,
    (SELECT coalesce(array_agg(c.image_system_id ORDER BY c.image_system_id), '{}') FROM reg_site_coverage c
       JOIN reg_image_systems s ON s.id = c.image_system_id AND NOT s.removed WHERE c.site_id = m.id) AS covering,
    (SELECT max(r.changed_at) FROM reg_site_coverage c
       JOIN reg_change_reports r ON r.system_id = c.image_system_id AND r.kind = 'REMOVED' AND r.camera_id IS NULL
       WHERE c.site_id = m.id) AS last_removal
  FROM reg_mandatory_sites m) AS sites`;

/** The change reports with their system's name, owner and division (for jurisdiction, R5.1). */
const CHANGES = `(SELECT r.*, s.name AS system_name, s.owner_organisation_id, s.division_code
  FROM reg_change_reports r LEFT JOIN reg_image_systems s ON s.id = r.system_id) AS changes`;

/**
 * What oversight and the county PSB supervise in the registry (issue 20): the mandatory sites
 * and which lack a system (R7.1, R7.2), the queue of change reports addressed to a PSB with
 * their acknowledgement and lateness (R15.1), and a system's signage history (R11.1). Each
 * within the caller's jurisdiction (R5.1); an owner sees its own systems' changes and signs.
 */
@AnyRole()
@Controller()
export class SupervisionHttpController {
  constructor(
    private readonly readModel: RegistryReadModel,
    private readonly aggregates: RegistryAggregates,
    @Inject(REGISTRY_CLOCK) private readonly now: () => Date,
  ) {}

  @ReadEndpoint('mandatory-sites', 'Mandatory sites and whether a registered system covers each; covered=false: the sites without a system (R7.1, R7.2)', MandatorySitePageDto)
  @ApiRefusalCodes('CUSTOS_VALIDATION_FAILED', 'CUSTOS_R5_1_INVALID_DIVISION_CODE')
  async sites(@CurrentPrincipal() principal: Principal, @Query() q: ListMandatorySitesRequestDto) {
    const now = this.now();
    const page = await listPage(this.readModel, principal, q, {
      from: SITES,
      alsoReads: ['supervision'],
      where: [['(cardinality(covering) > 0) = ?', q.covered], ...equalTo(q, ['category', 'responsibleOrganisationId']), withinDivision(q.within)],
      row: (r) => {
        const covering = r.covering as string[];
        const since = covering.length > 0 ? null : latest(r.duty_since as Date, r.last_removal as Date | null);
        const due = since ? mandatorySiteDue(since, now) : null;
        return {
          ...siteColumns(r),
          dutySince: iso(r.duty_since)!,
          coveringSystemIds: covering,
          uncoveredSince: iso(since),
          dueAt: iso(due?.dueAt),
          overdue: due?.overdue ?? false,
        };
      },
    });
    return { ...page, graceDays: MANDATORY_SITE_GRACE_DAYS };
  }

  @ReadEndpoint('facility-changes', 'Change reports received, acknowledged or not, late or not: a county PSB’s queue with addressedTo (R15.1)', FacilityChangeQueueDto)
  @ApiRefusalCodes('CUSTOS_VALIDATION_FAILED')
  async changes(@CurrentPrincipal() principal: Principal, @Query() q: ListFacilityChangesRequestDto) {
    return listPage(this.readModel, principal, q, {
      from: CHANGES,
      alsoReads: ['supervision'],
      where: [...equalTo(q, ['addressedTo', 'late']), ['(acknowledged_at IS NOT NULL) = ?', q.acknowledged]],
      row: (r) => ({
        imageSystemId: r.system_id as string,
        systemName: (r.system_name as string | null) ?? null,
        ownerOrganisationId: (r.owner_organisation_id as string | null) ?? null,
        changeId: r.change_id as string,
        kind: r.kind as string,
        ...(r.camera_id ? { cameraId: r.camera_id as string } : {}),
        description: r.description as string,
        changedAt: iso(r.changed_at)!,
        reportedAt: iso(r.reported_at)!,
        addressedToOrganisationId: (r.addressed_to as string | null) ?? null,
        duty: (r.duty as string | null) ?? null,
        deadline: iso(r.deadline),
        late: r.late as boolean,
        acknowledgedAt: iso(r.acknowledged_at),
        acknowledgedBy: (r.acknowledged_by as string | null) ?? null,
      }),
      own: 'owner_organisation_id',
      tie: 'change_id',
    });
  }

  @ReadEndpoint('systems/:id/signage', "A system's sign over time: every photo and inspection record, and what it is now (R11.1)", SignageHistoryDto)
  @ApiRefusalCodes('CUSTOS_AUTH_WRONG_ORGANISATION', 'CUSTOS_AUTH_OUTSIDE_JURISDICTION', 'CUSTOS_REGISTRY_IMAGE_SYSTEM_NOT_FOUND')
  async signage(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const s = await this.aggregates.system(id);
    assertMayRead(principal, s.divisionCode, s.ownerOrganisationId);
    return { imageSystemId: s.key, inPublicPlace: s.inPublicPlace, signageShown: s.signageShown, evidence: [...s.signage] };
  }
}

function latest(a: Date, b: Date | null): Date {
  return b !== null && b.getTime() > a.getTime() ? b : a;
}
