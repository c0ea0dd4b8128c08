import { Principal } from '@custos/auth';
import { OrganisationProps } from '../../domain/organisation.aggregate';

export class RegisterOrganisationCommand {
  constructor(
    readonly principal: Principal,
    readonly id: string,
    readonly props: OrganisationProps,
  ) {}
}
