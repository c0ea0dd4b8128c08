import { Principal } from '@custos/auth';

export class AcknowledgeFacilityChangeCommand {
  constructor(
    readonly principal: Principal,
    readonly systemId: string,
    readonly changeId: string,
  ) {}
}
