import { ApiAnswer, ApiRefusalCodes } from '@custos/platform';
import { ApiOperation } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Body, Controller, Post, Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { REGISTRY_CLOCK } from '../shared/registry-aggregates';
import { RegisterMandatorySiteCommand } from './register-mandatory-site.command';
import { RegisterMandatorySiteRequestDto } from './register-mandatory-site.request.dto';

@Controller('mandatory-sites')
export class RegisterMandatorySiteHttpController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(REGISTRY_CLOCK) private readonly now: () => Date,
  ) {}

  /** The responsible county-level or higher PSB records a site that must have a system (R7.1, R7.2). */
  @Roles('REGISTRY_ADMIN', 'OVERSIGHT')
  @ApiAnswer(201, { id: 'string', rule: ['R7.1', 'R7.2'], responsibleOrganisationId: 'string' }, 'Recorded, under the rule of its category')
  @ApiRefusalCodes(
    'CUSTOS_VALIDATION_FAILED',
    'CUSTOS_R7_1_NOT_A_MANDATORY_CATEGORY',
    'CUSTOS_R5_1_INVALID_DIVISION_CODE',
    'CUSTOS_R7_1_NOT_A_COUNTY_PSB',
    'CUSTOS_R7_1_SITE_OUTSIDE_JURISDICTION',
    'CUSTOS_REGISTRY_IMAGE_SYSTEM_NOT_FOUND',
    'CUSTOS_REGISTRY_ALREADY_REGISTERED',
    'CUSTOS_R7_1_SYSTEM_OF_ANOTHER_CATEGORY',
    'CUSTOS_R7_1_SYSTEM_ELSEWHERE',
    'CUSTOS_R7_1_COVERING_SYSTEM_REMOVED',
  )
  @Post()
  @ApiOperation({ summary: 'Records a site that must have an image system (R7.1, R7.2)' })
  register(@CurrentPrincipal() principal: Principal, @Body() body: RegisterMandatorySiteRequestDto): Promise<{ id: string }> {
    const { id, dutySince, coveringSystemIds, ...site } = body;
    return this.commands.execute(
      new RegisterMandatorySiteCommand(principal, id ?? randomUUID(), { ...site, dutySince: dutySince ? new Date(dutySince) : this.now() }, coveringSystemIds),
    );
  }
}
