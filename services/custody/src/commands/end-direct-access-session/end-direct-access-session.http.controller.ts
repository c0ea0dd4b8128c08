import { Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { SessionPathDto } from '../../shared/paths.request.dto';
import { DirectAccessSessionStateDto } from '../direct-access-sessions/direct-access-sessions.response.dto';
import { SessionAct, SessionCommandsController } from '../session-act.http.decorators';
import { END_DIRECT_ACCESS_REFUSALS } from '../session.refusals';
import { EndDirectAccessSessionCommand } from './end-direct-access-session.command';
import { DecidedCommandHttpController } from '../decided-command.http';

@SessionCommandsController('direct access', 'direct-access-sessions')
export class EndDirectAccessSessionHttpController extends DecidedCommandHttpController {
  @SessionAct({ path: 'end', role: 'OFFICER', answer: DirectAccessSessionStateDto, refusals: END_DIRECT_ACCESS_REFUSALS, summary: 'End the session as one of its officers (R18.4)' })
  async end(@CurrentPrincipal() principal: Principal, @Param() path: SessionPathDto): Promise<DirectAccessSessionStateDto> {
    return this.decided(new EndDirectAccessSessionCommand(principal, path.sessionId));
  }
}
