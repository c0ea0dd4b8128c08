import { Principal } from '@custos/auth';

export class SetRetentionCommand {
  constructor(
    readonly principal: Principal,
    readonly systemId: string,
    readonly retentionDays: number,
    readonly retentionBasis: string | undefined,
  ) {}
}
