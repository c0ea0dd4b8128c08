import { Principal } from '@custos/auth';

export class DenyRequestCommand {
  constructor(
    readonly principal: Principal,
    readonly requestId: string,
    readonly reason: string,
    /** The rule, and optionally another law's provision, the denial rests on (R26.1). */
    readonly basis: { readonly rule: string; readonly legalBasis?: string },
  ) {}
}
