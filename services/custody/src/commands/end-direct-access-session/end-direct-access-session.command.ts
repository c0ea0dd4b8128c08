import { DirectAccessSessionActCommand } from '../direct-access-sessions/direct-access-session-act.command';

export class EndDirectAccessSessionCommand extends DirectAccessSessionActCommand {}
