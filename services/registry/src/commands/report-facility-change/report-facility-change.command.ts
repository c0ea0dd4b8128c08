import { Principal } from '@custos/auth';
import { FacilityChangeKind } from '../../domain/image-system.aggregate';

export class ReportFacilityChangeCommand {
  constructor(
    readonly principal: Principal,
    readonly systemId: string,
    readonly changeId: string,
    readonly kind: FacilityChangeKind,
    readonly cameraId: string | undefined,
    readonly description: string,
    readonly changedAt: Date,
  ) {}
}
