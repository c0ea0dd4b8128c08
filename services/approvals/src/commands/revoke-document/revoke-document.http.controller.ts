import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DenyRequestDto } from '../deny-request/deny-request.request.dto';
import { RevokeDocumentCommand } from './revoke-document.command';

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('approval-cases')
export class RevokeDocumentHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('APPROVER')
  @Post(':requestId/revoke')
  @HttpCode(200)
  revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('requestId', new ParseUUIDPipe({ version: '4' })) requestId: string,
    @Body() body: DenyRequestDto,
  ): Promise<{ requestId: string; number: string; status: 'REVOKED' }> {
    return this.commands.execute(new RevokeDocumentCommand(principal, requestId, body.reason));
  }
}
