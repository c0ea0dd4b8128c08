import { Body, Controller, Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { AppointHeadCommand } from './appoint-head.command';
import { HeadTermBegun } from './appoint-head.handler';
import { AppointHeadRequestDto } from './appoint-head.request.dto';
import { OrganisationPath } from '../shared/registry-paths';

@Controller('organisations/:organisationId/heads')
export class AppointHeadHttpController extends CommandHttpController {
  @CommandEndpoint({
    summary: 'Appoints the head of an organisation',
    response: { organisationId: 'string', personId: 'string', from: 'date-time' },
    roles: ['REGISTRY_ADMIN'],
  })
  appoint(@CurrentPrincipal() principal: Principal, @Param() path: OrganisationPath, @Body() body: AppointHeadRequestDto): Promise<HeadTermBegun> {
    return this.commands.execute(new AppointHeadCommand(principal, path.organisationId, body.personId, new Date(body.from), body.name, body.backdatingReason));
  }
}
