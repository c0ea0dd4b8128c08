import { randomUUID } from 'node:crypto';
import { Body, Controller } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { COVERING_SYSTEM_REFUSALS } from '../shared/request-rules';
import { RegisterMandatorySiteCommand } from './register-mandatory-site.command';
import { RegisterMandatorySiteRequestDto } from './register-mandatory-site.request.dto';

@Controller('mandatory-sites')
export class RegisterMandatorySiteHttpController extends CommandHttpController {
  /** The responsible county-level or higher PSB records a site that must have a system (R7.1, R7.2). */
  @CommandEndpoint({
    summary: 'Records a site that must have an image system (R7.1, R7.2)',
    response: { id: 'string', rule: ['R7.1', 'R7.2'], responsibleOrganisationId: 'string' },
    description: 'Recorded, under the rule of its category',
    roles: ['REGISTRY_ADMIN', 'OVERSIGHT'],
    refusals: [
      'CUSTOS_VALIDATION_FAILED',
      'CUSTOS_R7_1_NOT_A_MANDATORY_CATEGORY',
      'CUSTOS_R5_1_INVALID_DIVISION_CODE',
      'CUSTOS_R7_1_NOT_A_COUNTY_PSB',
      'CUSTOS_R7_1_SITE_OUTSIDE_JURISDICTION',
      'CUSTOS_REGISTRY_IMAGE_SYSTEM_NOT_FOUND',
      'CUSTOS_REGISTRY_ALREADY_REGISTERED',
      ...COVERING_SYSTEM_REFUSALS,
    ],
  })
  register(@CurrentPrincipal() principal: Principal, @Body() body: RegisterMandatorySiteRequestDto): Promise<{ id: string }> {
    const { id, dutySince, coveringSystemIds, ...site } = body;
    return this.commands.execute(
      new RegisterMandatorySiteCommand(principal, id ?? randomUUID(), { ...site, ...(dutySince ? { dutySince: new Date(dutySince) } : {}) }, coveringSystemIds),
    );
  }
}
