import { Principal } from '@custos/auth';

export class RecordSiteCoverageCommand {
  constructor(
    readonly principal: Principal,
    readonly siteId: string,
    readonly imageSystemId: string,
  ) {}
}
