import { Body, Controller, Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { EndHeadTermCommand } from './end-head-term.command';
import { HeadTermEnded } from './end-head-term.handler';
import { EndHeadTermRequestDto } from './end-head-term.request.dto';
import { HeadTermPath } from '../shared/registry-paths';

@Controller('organisations/:organisationId/heads/:personId/end')
export class EndHeadTermHttpController extends CommandHttpController {
  @CommandEndpoint({
    status: 200,
    summary: "Ends a head's term",
    response: { organisationId: 'string', personId: 'string', to: 'date-time' },
    roles: ['REGISTRY_ADMIN'],
  })
  end(@CurrentPrincipal() principal: Principal, @Param() path: HeadTermPath, @Body() body: EndHeadTermRequestDto): Promise<HeadTermEnded> {
    return this.commands.execute(new EndHeadTermCommand(principal, path.organisationId, path.personId, new Date(body.to)));
  }
}
