import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { ACT_ON_AN_ACT_REFUSALS } from '../shared/request-rules';
import { RecordInspectionCommand } from './record-inspection.command';
import { InspectionReceipt } from './record-inspection.handler';
import { RecordInspectionRequestDto } from './record-inspection.request.dto';
import { InspectionReceiptDto } from '../shared/acts.response.dto';

@ApiTags('inspections')
@Controller('inspections')
export class RecordInspectionHttpController extends CommandHttpController {
  /** Records an inspection and its findings (R19.1). */
  @CommandEndpoint({
    summary: 'Records an inspection of an image system and its findings (R19.1)',
    response: InspectionReceiptDto,
    roles: ['OVERSIGHT'],
    refusals: ACT_ON_AN_ACT_REFUSALS,
  })
  record(
    @CurrentPrincipal() principal: Principal,
    @Body() body: RecordInspectionRequestDto,
  ): Promise<InspectionReceipt> {
    return this.commands.execute(new RecordInspectionCommand(principal, body));
  }
}
