import { Controller, Param, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, AnyRole } from '@custos/auth';
import { QualificationStanding } from '@custos/domain';
import { OfficerAggregate } from '../../domain/officer.aggregate';
import { RegistryQueries } from '../shared/registry-queries';
import { listPage, peopleOf, personInReach, PersonListItem, personRow, PersonView, personView } from '../shared/list-query';
import { AtRequestDto, Page } from '../shared/paging.request.dto';
import { ListOfficersRequestDto } from './list-officers.request.dto';
import { OfficerPageDto, OfficerViewDto, QualificationAtViewDto } from '../shared/registry.response.dto';
import { ReadEndpoint } from '../shared/read-endpoint';

export interface OfficerView extends PersonView {
  readonly qualifications: {
    readonly credentialNumber: string;
    readonly issuedAt: string;
    readonly expiresAt: string;
    readonly statusHistory: { readonly status: string; readonly since: string }[];
  }[];
}

export interface QualificationAtView {
  readonly officerId: string;
  readonly personId: string;
  readonly organisationId: string;
  readonly at: string;
  readonly valid: boolean;
  readonly standing: QualificationStanding;
  readonly credentialNumber: string | null;
}

function view(o: OfficerAggregate): OfficerView {
  return {
    ...personView(o),
    qualifications: o.qualifications.map((q) => ({
      credentialNumber: q.credentialNumber,
      issuedAt: q.issuedAt.toISOString(),
      expiresAt: q.expiresAt.toISOString(),
      statusHistory: q.statusHistory.map((s) => ({ status: s.status, since: s.since.toISOString() })),
    })),
  };
}

/** Officers and their qualifications; internal read API (R18.1, R18.2). */
// Registry reads need a role (issue 16).
@AnyRole()
@Controller('officers')
export class OfficersHttpController extends RegistryQueries {
  @ReadEndpoint('', 'The officers, paged', OfficerPageDto)
  async list(@CurrentPrincipal() principal: Principal, @Query() q: ListOfficersRequestDto): Promise<Page<PersonListItem>> {
    return listPage(this.readModel, principal, q, peopleOf('reg_officers', q, personRow));
  }

  @ReadEndpoint(':id', 'One officer', OfficerViewDto)
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<OfficerView> {
    const officer = await this.load(principal, id);
    return view(officer);
  }

  /** Was the officer qualified at `at` (R18.2)? Answerable for any past instant. */
  @ReadEndpoint(':id/qualification', "An officer's credential as it stood at an instant (R18.2)", QualificationAtViewDto)
  async qualificationAt(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() q: AtRequestDto): Promise<QualificationAtView> {
    const officer = await this.load(principal, id);
    const at = new Date(q.at);
    const answer = officer.qualificationAt(at);
    return {
      officerId: officer.key,
      personId: officer.personId,
      organisationId: officer.organisationId,
      at: at.toISOString(),
      ...answer,
    };
  }

  private async load(principal: Principal, id: string): Promise<OfficerAggregate> {
    return personInReach(this.aggregates, principal, await this.aggregates.officer(id));
  }
}
