import { Principal } from '@custos/auth';

/** An act of a caller on one viewing session: join, close or end it. */
export abstract class ViewingSessionActCommand {
  constructor(
    readonly principal: Principal,
    readonly sessionId: string,
  ) {}
}
