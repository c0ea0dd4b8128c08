import { Principal } from '@custos/auth';
import { QualificationStatus } from '@custos/domain';

export class ChangeQualificationStatusCommand {
  constructor(
    readonly principal: Principal,
    readonly officerId: string,
    readonly credentialNumber: string,
    readonly status: QualificationStatus,
    readonly since: Date,
    readonly reason?: string,
  ) {}
}
