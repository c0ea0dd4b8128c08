import { Controller, Param, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, AnyRole } from '@custos/auth';
import { operatorTrained } from '@custos/domain';
import { RegistryQueries } from '../shared/registry-queries';
import { listPage, peopleOf, personInReach, PersonListItem, personRow, PersonView, personView } from '../shared/list-query';
import { Page } from '../shared/paging.request.dto';
import { ListOperatorsRequestDto } from './list-operators.request.dto';
import { OperatorPageDto, OperatorViewDto } from '../shared/registry.response.dto';
import { ReadEndpoint } from '../shared/read-endpoint';

export interface OperatorListItem extends PersonListItem {
  readonly trained: boolean;
  readonly lastTrainedOn: string | null;
}

export interface OperatorView extends PersonView {
  readonly trained: boolean;
  readonly trainings: { trainingId: string; course: string; completedOn: string; certificateNumber?: string }[];
}

/**
 * Owners' operators and their training (R16.2). Oversight and administrators list those of
 * owners within their jurisdiction (`untrained=true`: who has no training recorded), an owner
 * its own (R5.1, R3.1).
 */
// Registry reads need a role (issue 16).
@AnyRole()
@Controller('operators')
export class OperatorsHttpController extends RegistryQueries {
  @ReadEndpoint('', 'The operators, paged', OperatorPageDto)
  async list(@CurrentPrincipal() principal: Principal, @Query() q: ListOperatorsRequestDto): Promise<Page<OperatorListItem>> {
    const row = (r: Record<string, unknown>): OperatorListItem => ({
      ...personRow(r),
      trained: Number(r.trainings) > 0,
      lastTrainedOn: (r.last_trained_on as string | null) ?? null,
    });
    // Untrained: no training recorded (operatorTrained, R16.2).
    return listPage(this.readModel, principal, q, peopleOf('reg_operators', q, row, [['(trainings = 0) = ?', q.untrained]]));
  }

  @ReadEndpoint(':id', 'One operator', OperatorViewDto)
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<OperatorView> {
    const operator = await personInReach(this.aggregates, principal, await this.aggregates.operator(id));
    return {
      ...personView(operator),
      trained: operatorTrained(operator.trainings),
      trainings: operator.trainings.map((t) => ({ ...t })),
    };
  }
}
