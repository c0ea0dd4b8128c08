import { Controller, Param, Post } from '@nestjs/common';
import { ApiRefusals } from '@custos/platform';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IntegrityChallengeDto } from '../../shared/evidence-item-commands.response.dto';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { issueIntegrityChallenge } from '../../shared/integrity-challenge';
import { orRefuse } from '../../shared/refusal';
import { LinkSigner } from '../../shared/signed-link';
import { EvidenceItemCommands } from '../evidence-item.context';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items/:evidenceItemId/integrity-challenges')
export class IssueIntegrityChallengeHttpController {
  constructor(
    private readonly commands: EvidenceItemCommands,
    private readonly signer: LinkSigner,
  ) {}

  /**
   * A fresh challenge for the officer's attestation of the copy they hold (R18.5): a random
   * nonce, bound to this item and this officer, good for one receipt, verification or transfer
   * acknowledgement within 30 minutes. Nothing is recorded until it is answered.
   */
  @Post()
  @Roles('OFFICER')
  @ApiCreatedResponse({ type: IntegrityChallengeDto })
  @ApiRefusals(403, 404, 409, 502, 503)
  @ApiOperation({ summary: 'Get a nonce to attest your copy of the package with, without being told its hash (R18.5)' })
  async issue(@CurrentPrincipal() principal: Principal, @Param('evidenceItemId') evidenceItemId: string): Promise<Record<string, unknown>> {
    const item = await this.commands.load(evidenceItemId);
    const now = this.commands.clock();
    const officer = await this.commands.officer(principal, now);
    orRefuse(item.mayAttest(officer.record));
    const { token, challenge, expiresAt } = issueIntegrityChallenge(this.signer, evidenceItemId, officer.record.personId, now);
    return {
      evidenceItemId,
      challengeId: challenge.challengeId,
      challenge: token,
      nonce: challenge.nonce,
      expiresAt,
      answer: 'response = hex SHA-256 of the nonce (its 64 ASCII hex characters) followed by the bytes of your copy: (printf %s "$NONCE"; cat package.tar) | sha256sum',
    };
  }
}
