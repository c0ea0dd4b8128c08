import { Principal } from '@custos/auth';
import { ApplyToCourtRequestDto } from './apply-to-court.request.dto';

export class ApplyToCourtCommand {
  constructor(
    readonly principal: Principal,
    readonly findingId: string,
    readonly orderId: string,
    readonly application: ApplyToCourtRequestDto,
  ) {}
}
