import { Principal } from '@custos/auth';
import { FileChallengeRequestDto } from './file-challenge.request.dto';

export class FileChallengeCommand {
  constructor(
    readonly principal: Principal,
    readonly findingId: string,
    readonly challenge: FileChallengeRequestDto,
  ) {}
}
