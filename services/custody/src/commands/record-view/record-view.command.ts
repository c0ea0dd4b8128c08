import { Principal } from '@custos/auth';

export class RecordViewCommand {
  constructor(
    readonly principal: Principal,
    readonly evidenceItemId: string,
    readonly purpose: string,
  ) {}
}
