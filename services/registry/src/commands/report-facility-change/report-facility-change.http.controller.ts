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
