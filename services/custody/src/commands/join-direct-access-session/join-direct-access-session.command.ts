import { DirectAccessSessionActCommand } from '../direct-access-sessions/direct-access-session-act.command';

export class JoinDirectAccessSessionCommand extends DirectAccessSessionActCommand {}
