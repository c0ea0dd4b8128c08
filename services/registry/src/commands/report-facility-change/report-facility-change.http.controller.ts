import { randomUUID } from 'node:crypto';
import { Body, Controller, Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { ReportFacilityChangeCommand } from './report-facility-change.command';
import { FacilityChangeReceipt } from './report-facility-change.handler';
import { ReportFacilityChangeRequestDto } from './report-facility-change.request.dto';
import { SystemPath } from '../shared/registry-paths';

@Controller('systems/:systemId/changes')
export class ReportFacilityChangeHttpController extends CommandHttpController {
  @CommandEndpoint({
    summary: "Reports a change to an image system's facilities (R14)",
    response: {
      changeId: 'uuid', changedAt: 'date-time', reportedAt: 'date-time', addressedToOrganisationId: 'string', duty: ['ARTICLE_7', 'NONE'],
      planned: 'boolean', lastDay: 'date?', deadline: 'date-time?', calendarCovers: 'boolean?', late: 'boolean',
    },
    description: 'The report, addressed to the county PSB, with its deadline (R15.1)',
    roles: ['REGISTRY_ADMIN', 'OWNER_OPERATOR'],
  })
  report(@CurrentPrincipal() principal: Principal, @Param() path: SystemPath, @Body() body: ReportFacilityChangeRequestDto): Promise<FacilityChangeReceipt> {
    const { changedAt, ...change } = body;
    return this.commands.execute(
      new ReportFacilityChangeCommand(principal, path.systemId, { ...change, changeId: randomUUID(), changedAt: new Date(changedAt) }),
    );
  }
}
