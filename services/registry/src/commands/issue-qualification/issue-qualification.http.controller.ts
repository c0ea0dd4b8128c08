import { ApiAnswer } from '@custos/platform';
import { ApiOperation } from '@nestjs/swagger';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { IssueQualificationCommand } from './issue-qualification.command';
import { IssueQualificationRequestDto } from './issue-qualification.request.dto';

@Controller('officers/:officerId/qualifications')
export class IssueQualificationHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('REGISTRY_ADMIN')
  @ApiAnswer(201, { officerId: 'string', credentialNumber: 'string' })
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: "Issues an officer's credential (R18.2)" })
  async issue(
    @CurrentPrincipal() principal: Principal,
    @Param('officerId') officerId: string,
    @Body() body: IssueQualificationRequestDto,
  ): Promise<{ officerId: string; credentialNumber: string }> {
    await this.commands.execute(
      new IssueQualificationCommand(
        principal,
        officerId,
        body.credentialNumber,
        new Date(body.issuedAt),
        new Date(body.expiresAt),
        body.backdatingReason,
      ),
    );
    return { officerId, credentialNumber: body.credentialNumber };
  }
}
