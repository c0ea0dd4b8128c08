import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { ApiCodedErrors } from '@custos/platform';
import { RecordInspectionCommand } from './record-inspection.command';
import { InspectionReceipt } from './record-inspection.handler';
import { RecordInspectionRequestDto } from './record-inspection.request.dto';

@ApiTags('inspections')
@Controller('inspections')
export class RecordInspectionHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Records an inspection and its findings (R19.1). */
  @Roles('OVERSIGHT')
  @Post()
  @ApiCodedErrors({ 400: [], 403: ['CUSTOS_R19_1_NOT_A_COMPETENT_PSB', 'CUSTOS_R19_1_OUTSIDE_JURISDICTION'], 404: ['CUSTOS_OVERSIGHT_ACT_NOT_FOUND'] })
  record(@CurrentPrincipal() principal: Principal, @Body() body: RecordInspectionRequestDto): Promise<InspectionReceipt> {
    return this.commands.execute(new RecordInspectionCommand(principal, body));
  }
}
