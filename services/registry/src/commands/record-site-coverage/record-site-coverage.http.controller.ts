import { ApiAnswer, ApiRefusalCodes } from '@custos/platform';
import { ApiOperation } from '@nestjs/swagger';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { RecordSiteCoverageCommand } from './record-site-coverage.command';
import { RecordSiteCoverageRequestDto } from './record-site-coverage.request.dto';

@Controller('mandatory-sites/:siteId/coverage')
export class RecordSiteCoverageHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('REGISTRY_ADMIN', 'OVERSIGHT')
  @ApiAnswer(200, { siteId: 'string', imageSystemId: 'string', recordedAt: 'date-time' }, 'The system now covers the site')
  @ApiRefusalCodes(
    'CUSTOS_VALIDATION_FAILED',
    'CUSTOS_R7_1_NOT_THE_RESPONSIBLE_PSB',
    'CUSTOS_R7_1_SITE_NOT_FOUND',
    'CUSTOS_REGISTRY_IMAGE_SYSTEM_NOT_FOUND',
    'CUSTOS_R7_1_ALREADY_COVERED',
    'CUSTOS_R7_1_SYSTEM_OF_ANOTHER_CATEGORY',
    'CUSTOS_R7_1_SYSTEM_ELSEWHERE',
    'CUSTOS_R7_1_COVERING_SYSTEM_REMOVED',
  )
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Records that a registered system covers a mandatory site (R7.1, R7.2)' })
  record(
    @CurrentPrincipal() principal: Principal,
    @Param('siteId') siteId: string,
    @Body() body: RecordSiteCoverageRequestDto,
  ): Promise<{ siteId: string; imageSystemId: string; recordedAt: string }> {
    return this.commands.execute(new RecordSiteCoverageCommand(principal, siteId, body.imageSystemId));
  }
}
