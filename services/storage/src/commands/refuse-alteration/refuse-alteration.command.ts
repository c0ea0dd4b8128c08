import type { Principal } from '@custos/auth';

/** An attempt to overwrite or delete an original (R16.3): always refused, and recorded. */
export class RefuseAlterationCommand {
  constructor(
    readonly principal: Principal,
    readonly segmentId: string,
    readonly operation: 'OVERWRITE' | 'DELETE',
  ) {}
}
