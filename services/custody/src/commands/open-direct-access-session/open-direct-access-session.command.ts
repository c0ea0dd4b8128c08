import { Principal } from '@custos/auth';

export class OpenDirectAccessSessionCommand {
  constructor(
    readonly principal: Principal,
    readonly requestId: string,
    readonly durationMs: number,
  ) {}
}
