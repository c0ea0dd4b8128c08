import { Principal } from '@custos/auth';

/** Registers a person of an organisation (an officer, an owner's operator); each use case has its own subclass and handler. */
export abstract class RegisterPersonCommand {
  constructor(
    readonly principal: Principal,
    readonly id: string,
    readonly personId: string,
    readonly organisationId: string,
    readonly name: string,
  ) {}
}
