import { Principal } from '@custos/auth';
import { FacilityChange } from '../../domain/image-system.aggregate';

export class ReportFacilityChangeCommand {
  constructor(
    readonly principal: Principal,
    readonly systemId: string,
    readonly change: FacilityChange,
  ) {}
}
