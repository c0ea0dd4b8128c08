import { Body, Controller, Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { ChangeQualificationStatusCommand } from './change-qualification-status.command';
import { QualificationStatusChanged } from './change-qualification-status.handler';
import { ChangeQualificationStatusRequestDto } from './change-qualification-status.request.dto';
import { CredentialPath } from '../shared/registry-paths';

@Controller('officers/:officerId/qualifications/:credentialNumber/status')
export class ChangeQualificationStatusHttpController extends CommandHttpController {
  @CommandEndpoint({
    status: 200,
    summary: "Suspends, revokes or restores an officer's credential (R18.2)",
    response: { officerId: 'string', credentialNumber: 'string', status: 'string', since: 'date-time' },
    roles: ['REGISTRY_ADMIN'],
  })
  change(@CurrentPrincipal() principal: Principal, @Param() path: CredentialPath, @Body() body: ChangeQualificationStatusRequestDto): Promise<QualificationStatusChanged> {
    return this.commands.execute(
      new ChangeQualificationStatusCommand(principal, path.officerId, path.credentialNumber, body.status, new Date(body.since), body.reason),
    );
  }
}
