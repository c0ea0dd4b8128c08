import { ApiAnswer } from '@custos/platform';
import { ApiOperation } from '@nestjs/swagger';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { AppointHeadCommand } from './appoint-head.command';
import { AppointHeadRequestDto } from './appoint-head.request.dto';

@Controller('organisations/:organisationId/heads')
export class AppointHeadHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('REGISTRY_ADMIN')
  @ApiAnswer(201, { organisationId: 'string', personId: 'string', from: 'date-time' })
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Appoints the head of an organisation' })
  async appoint(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId') organisationId: string,
    @Body() body: AppointHeadRequestDto,
  ): Promise<{ organisationId: string; personId: string; from: string }> {
    const from = new Date(body.from);
    await this.commands.execute(new AppointHeadCommand(principal, organisationId, body.personId, from, body.name, body.backdatingReason));
    return { organisationId, personId: body.personId, from: from.toISOString() };
  }
}
