import { ApiAnswer } from '@custos/platform';
import { ApiOperation } from '@nestjs/swagger';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { ChangeQualificationStatusCommand } from './change-qualification-status.command';
import { ChangeQualificationStatusRequestDto } from './change-qualification-status.request.dto';

@Controller('officers/:officerId/qualifications/:credentialNumber/status')
export class ChangeQualificationStatusHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('REGISTRY_ADMIN')
  @ApiAnswer(200, { officerId: 'string', credentialNumber: 'string', status: 'string', since: 'date-time' })
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: "Suspends, revokes or restores an officer's credential (R18.2)" })
  async change(
    @CurrentPrincipal() principal: Principal,
    @Param('officerId') officerId: string,
    @Param('credentialNumber') credentialNumber: string,
    @Body() body: ChangeQualificationStatusRequestDto,
  ): Promise<{ officerId: string; credentialNumber: string; status: string; since: string }> {
    const since = new Date(body.since);
    await this.commands.execute(
      new ChangeQualificationStatusCommand(principal, officerId, credentialNumber, body.status, since, body.reason),
    );
    return { officerId, credentialNumber, status: body.status, since: since.toISOString() };
  }
}
