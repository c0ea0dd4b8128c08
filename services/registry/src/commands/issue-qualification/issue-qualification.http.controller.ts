import { Body, Controller, Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { IssueQualificationCommand } from './issue-qualification.command';
import { QualificationIssued } from './issue-qualification.handler';
import { IssueQualificationRequestDto } from './issue-qualification.request.dto';
import { OfficerPath } from '../shared/registry-paths';

@Controller('officers/:officerId/qualifications')
export class IssueQualificationHttpController extends CommandHttpController {
  @CommandEndpoint({
    summary: "Issues an officer's credential (R18.2)",
    response: { officerId: 'string', credentialNumber: 'string' },
    roles: ['REGISTRY_ADMIN'],
  })
  issue(@CurrentPrincipal() principal: Principal, @Param() path: OfficerPath, @Body() body: IssueQualificationRequestDto): Promise<QualificationIssued> {
    const { credentialNumber, issuedAt, expiresAt, backdatingReason } = body;
    return this.commands.execute(
      new IssueQualificationCommand(principal, path.officerId, credentialNumber, new Date(issuedAt), new Date(expiresAt), backdatingReason),
    );
  }
}
