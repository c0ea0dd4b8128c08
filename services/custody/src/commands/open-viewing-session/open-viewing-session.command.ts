import { Principal } from '@custos/auth';

export class OpenViewingSessionCommand {
  constructor(
    readonly principal: Principal,
    readonly requestId: string,
    readonly durationMs: number,
  ) {}
}
