import { Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { EvidenceItemPathDto } from '../../shared/paths.request.dto';
import { EvidenceItemCommandController, OfficerItemCommand } from '../evidence-item-command.http';
import { DeliveryLinkDto } from '../evidence-item-commands.response.dto';
import { APPROVAL_DOCUMENT_REFUSALS } from '../evidence-item.refusals';
import { RequestDeliveryLinkCommand } from './request-delivery-link.command';
import { DecidedCommandHttpController } from '../decided-command.http';

const DELIVERY_REFUSALS = ['CUSTOS_R18_5_NOT_HANDED_OVER', 'CUSTOS_R18_5_INTEGRITY_MISMATCH', 'CUSTOS_R3_1_NOT_THE_HOLDER', 'CUSTOS_R18_5_NOT_A_RECEIVING_OFFICER'] as const;

@EvidenceItemCommandController('evidence-items/:evidenceItemId/delivery-links')
export class RequestDeliveryLinkHttpController extends DecidedCommandHttpController {
  @OfficerItemCommand({
    created: DeliveryLinkDto,
    summary: 'Get a short-lived link to download a handed-over package, as one of its receiving officers (R18.5)',
    refusals: [...APPROVAL_DOCUMENT_REFUSALS, ...DELIVERY_REFUSALS],
    upstream: true,
  })
  async request(@CurrentPrincipal() principal: Principal, @Param() path: EvidenceItemPathDto): Promise<DeliveryLinkDto> {
    const command = new RequestDeliveryLinkCommand(principal, path.evidenceItemId);
    return this.decided(command);
  }
}
