import { Principal } from '@custos/auth';
import { MandatorySiteProps } from '../../domain/mandatory-site.aggregate';

export class RegisterMandatorySiteCommand {
  constructor(
    readonly principal: Principal,
    readonly id: string,
    readonly site: MandatorySiteProps,
    readonly coveringSystemIds: readonly string[] = [],
  ) {}
}
