import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { Controller, HttpCode, Param, ParseUUIDPipe, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordsRequestRefusals, RequestRefusalInterceptor } from '../../shared/request-refusal.interceptor';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CoSignRequestCommand, CoSignRequestResult } from './co-sign-request.command';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
@RecordsRequestRefusals('CO_SIGN')
@UseInterceptors(RequestRefusalInterceptor)
export class CoSignRequestHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('OFFICER')
  @Post(':id/co-sign')
  @HttpCode(200)
  coSign(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
  ): Promise<CoSignRequestResult> {
    return this.commands.execute(new CoSignRequestCommand(principal, id));
  }
}
