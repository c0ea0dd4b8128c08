import { Principal } from '@custos/auth';

/** An act of an officer on one direct-access session: join or end it. */
export abstract class DirectAccessSessionActCommand {
  constructor(
    readonly principal: Principal,
    readonly sessionId: string,
  ) {}
}
