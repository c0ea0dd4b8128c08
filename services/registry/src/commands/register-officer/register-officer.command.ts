import { RegisterPersonCommand } from '../shared/register-person.command';

export class RegisterOfficerCommand extends RegisterPersonCommand {}
