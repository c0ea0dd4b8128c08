import { Body, Controller, Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { COVERING_SYSTEM_REFUSALS } from '../shared/request-rules';
import { RecordSiteCoverageCommand } from './record-site-coverage.command';
import { SiteCoverageRecorded } from './record-site-coverage.handler';
import { RecordSiteCoverageRequestDto } from './record-site-coverage.request.dto';
import { SitePath } from '../shared/registry-paths';

@Controller('mandatory-sites/:siteId/coverage')
export class RecordSiteCoverageHttpController extends CommandHttpController {
  @CommandEndpoint({
    status: 200,
    summary: 'Records that a registered system covers a mandatory site (R7.1, R7.2)',
    response: { siteId: 'string', imageSystemId: 'string', recordedAt: 'date-time' },
    description: 'The system now covers the site',
    roles: ['REGISTRY_ADMIN', 'OVERSIGHT'],
    refusals: [
      'CUSTOS_VALIDATION_FAILED',
      'CUSTOS_R7_1_NOT_THE_RESPONSIBLE_PSB',
      'CUSTOS_R7_1_SITE_NOT_FOUND',
      'CUSTOS_REGISTRY_IMAGE_SYSTEM_NOT_FOUND',
      'CUSTOS_R7_1_ALREADY_COVERED',
      ...COVERING_SYSTEM_REFUSALS,
    ],
  })
  record(@CurrentPrincipal() principal: Principal, @Param() path: SitePath, @Body() body: RecordSiteCoverageRequestDto): Promise<SiteCoverageRecorded> {
    return this.commands.execute(new RecordSiteCoverageCommand(principal, path.siteId, body.imageSystemId));
  }
}
