import { Principal } from '@custos/auth';
import { DecideChallengeRequestDto } from './decide-challenge.request.dto';

export class DecideChallengeCommand {
  constructor(
    readonly principal: Principal,
    readonly findingId: string,
    readonly challengeId: string,
    readonly outcome: DecideChallengeRequestDto,
  ) {}
}
