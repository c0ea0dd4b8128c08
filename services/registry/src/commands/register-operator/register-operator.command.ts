import { RegisterPersonCommand } from '../shared/register-person.command';

export class RegisterOperatorCommand extends RegisterPersonCommand {}
