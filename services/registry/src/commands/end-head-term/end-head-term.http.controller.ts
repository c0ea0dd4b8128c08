import { ApiAnswer } from '@custos/platform';
import { ApiOperation } from '@nestjs/swagger';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { EndHeadTermCommand } from './end-head-term.command';
import { EndHeadTermRequestDto } from './end-head-term.request.dto';

@Controller('organisations/:organisationId/heads/:personId/end')
export class EndHeadTermHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('REGISTRY_ADMIN')
  @ApiAnswer(200, { organisationId: 'string', personId: 'string', to: 'date-time' })
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: "Ends a head's term" })
  async end(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId') organisationId: string,
    @Param('personId') personId: string,
    @Body() body: EndHeadTermRequestDto,
  ): Promise<{ organisationId: string; personId: string; to: string }> {
    const to = new Date(body.to);
    await this.commands.execute(new EndHeadTermCommand(principal, organisationId, personId, to));
    return { organisationId, personId, to: to.toISOString() };
  }
}
