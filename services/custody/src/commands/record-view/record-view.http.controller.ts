import { Body, Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { EvidenceItemPathDto } from '../../shared/paths.request.dto';
import { EvidenceItemCommandController, OfficerItemCommand } from '../evidence-item-command.http';
import { ViewRecordedDto } from '../evidence-item-commands.response.dto';
import { RecordViewCommand } from './record-view.command';
import { RecordViewRequestDto } from './record-view.request.dto';
import { DecidedCommandHttpController } from '../decided-command.http';

@EvidenceItemCommandController('evidence-items/:evidenceItemId/views')
export class RecordViewHttpController extends DecidedCommandHttpController {
  @OfficerItemCommand({
    created: ViewRecordedDto,
    summary: 'Register a view of a held package (R16.6)',
    refusals: ['CUSTOS_R18_5_NOT_IN_CUSTODY', 'CUSTOS_R18_5_INTEGRITY_MISMATCH', 'CUSTOS_R3_1_NOT_THE_HOLDER'],
  })
  async view(@CurrentPrincipal() principal: Principal, @Param() path: EvidenceItemPathDto, @Body() body: RecordViewRequestDto): Promise<ViewRecordedDto> {
    return this.decided(new RecordViewCommand(principal, path.evidenceItemId, body.purpose));
  }
}
