import { ApiAnswer } from '@custos/platform';
import { ApiOperation } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { ReportFacilityChangeCommand } from './report-facility-change.command';
import { FacilityChangeReceipt } from './report-facility-change.handler';
import { ReportFacilityChangeRequestDto } from './report-facility-change.request.dto';

@Controller('systems/:systemId/changes')
export class ReportFacilityChangeHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('REGISTRY_ADMIN', 'OWNER_OPERATOR')
  @ApiAnswer(201, { changeId: 'uuid', changedAt: 'date-time', reportedAt: 'date-time', addressedToOrganisationId: 'string', duty: ['ARTICLE_7', 'NONE'], planned: 'boolean', lastDay: 'date?', deadline: 'date-time?', calendarCovers: 'boolean?', late: 'boolean' }, 'The report, addressed to the county PSB, with its deadline (R15.1)')
  @Post()
  @ApiOperation({ summary: "Reports a change to an image system's facilities (R14)" })
  report(
    @CurrentPrincipal() principal: Principal,
    @Param('systemId') systemId: string,
    @Body() body: ReportFacilityChangeRequestDto,
  ): Promise<FacilityChangeReceipt> {
    const { changedAt, ...change } = body;
    return this.commands.execute(
      new ReportFacilityChangeCommand(principal, systemId, { ...change, changeId: randomUUID(), changedAt: new Date(changedAt) }),
    );
  }
}
