import { Body, Controller, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { Result } from '@custos/domain';
import { ApiRefusalCodes, orRefuse } from '@custos/platform';
import { NoFeeInterceptor } from '../../shared/no-fee.interceptor';
import { ViewRecordedDto } from '../evidence-item-commands.response.dto';
import { ITEM_COMMAND_REFUSALS } from '../evidence-item.refusals';
import { RecordViewCommand } from './record-view.command';
import { RecordViewRequestDto } from './record-view.request.dto';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items/:evidenceItemId/views')
@UseInterceptors(NoFeeInterceptor)
export class RecordViewHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('OFFICER')
  @ApiCreatedResponse({ type: ViewRecordedDto })
  @ApiRefusalCodes(...ITEM_COMMAND_REFUSALS, 'CUSTOS_R18_5_NOT_IN_CUSTODY', 'CUSTOS_R18_5_INTEGRITY_MISMATCH', 'CUSTOS_R3_1_NOT_THE_HOLDER')
  @ApiOperation({ summary: 'Register a view of a held package (R16.6)' })
  async view(@CurrentPrincipal() principal: Principal, @Param('evidenceItemId') evidenceItemId: string, @Body() body: RecordViewRequestDto): Promise<ViewRecordedDto> {
    return orRefuse(await this.commands.execute<RecordViewCommand, Result<ViewRecordedDto>>(new RecordViewCommand(principal, evidenceItemId, body.purpose)));
  }
}
