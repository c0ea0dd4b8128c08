import { Principal } from '@custos/auth';
import { MandatorySiteProps } from '../../domain/mandatory-site.aggregate';

export class RegisterMandatorySiteCommand {
  constructor(
    readonly principal: Principal,
    readonly id: string,
    /** Without `dutySince`, the duty runs from the registration (the registry's clock). */
    readonly site: Omit<MandatorySiteProps, 'dutySince'> & { readonly dutySince?: Date },
    readonly coveringSystemIds: readonly string[] = [],
  ) {}
}
