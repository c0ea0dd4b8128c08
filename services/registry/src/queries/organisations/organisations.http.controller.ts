import { Controller, Param, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, AnyRole } from '@custos/auth';
import { assertMayRead } from '../../access/registry-access';
import { OrganisationAggregate } from '../../domain/organisation.aggregate';
import { RegistryQueries } from '../shared/registry-queries';
import { columns, equalTo, listPage, withinDivision } from '../shared/list-query';
import { Page, OptionalAtRequestDto } from '../shared/paging.request.dto';
import { ListOrganisationsRequestDto } from './list-organisations.request.dto';
import { OrganisationHeadsDto, OrganisationPageDto, OrganisationViewDto } from '../shared/registry.response.dto';
import { ReadEndpoint } from '../shared/read-endpoint';

export interface OrganisationView {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly level: string;
  readonly divisionCode: string;
  readonly parentId: string | null;
}

export interface HeadTermView {
  readonly personId: string;
  readonly from: string;
  readonly to: string | null;
}

/** An organisation's heads at an instant, or every term when none is asked for. */
export type OrganisationHeadsView = { readonly organisationId: string; readonly at: string | null; readonly heads: HeadTermView[] };

function view(o: OrganisationAggregate): OrganisationView {
  return { id: o.key, name: o.name, type: o.type, level: o.level, divisionCode: o.divisionCode, parentId: o.parentId ?? null };
}

/** Organisations and their heads; internal read API for the other services (SERVICE reads all). */
// Registry reads need a role (issue 16).
@AnyRole()
@Controller('organisations')
export class OrganisationsHttpController extends RegistryQueries {
  @ReadEndpoint('', 'The organisations, paged', OrganisationPageDto)
  async list(@CurrentPrincipal() principal: Principal, @Query() q: ListOrganisationsRequestDto): Promise<Page<OrganisationView>> {
    return listPage(this.readModel, principal, q, {
      from: 'reg_organisations',
      where: [...equalTo(q, ['type', 'level', 'parentId']), withinDivision(q.within)],
      row: columns<OrganisationView>(['id', 'name', 'type', 'level', 'divisionCode', 'parentId']),
      own: 'id',
    });
  }

  @ReadEndpoint(':id', 'One organisation', OrganisationViewDto)
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<OrganisationView> {
    const organisation = await this.aggregates.organisation(id);
    assertMayRead(principal, organisation.divisionCode, organisation.key);
    return view(organisation);
  }

  /** Heads in office at `at` (R17.2–R17.4); every term when `at` is absent. */
  // Named as the command routes under it name it: one path, one parameter name (no-identical-paths).
  @ReadEndpoint(':organisationId/heads', "An organisation's heads and their terms", OrganisationHeadsDto)
  async heads(@CurrentPrincipal() principal: Principal, @Param('organisationId') id: string, @Query() q: OptionalAtRequestDto): Promise<OrganisationHeadsView> {
    const organisation = await this.aggregates.organisation(id);
    assertMayRead(principal, organisation.divisionCode, organisation.key);
    const at = q.at === undefined ? undefined : new Date(q.at);
    const terms = at === undefined ? organisation.headTerms : organisation.headsAt(at);
    return {
      organisationId: organisation.key,
      at: at?.toISOString() ?? null,
      heads: terms.map((t) => ({ personId: t.personId, from: t.from.toISOString(), to: t.to?.toISOString() ?? null })),
    };
  }
}
