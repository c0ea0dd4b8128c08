import { Principal } from '@custos/auth';
import { DecidePenaltyRequestDto } from './decide-penalty.request.dto';

export class DecidePenaltyCommand {
  constructor(
    readonly principal: Principal,
    readonly findingId: string,
    readonly penalty: DecidePenaltyRequestDto,
  ) {}
}
