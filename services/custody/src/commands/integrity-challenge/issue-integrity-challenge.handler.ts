import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { mayAttest, ok, Result } from '@custos/domain';
import { LinkSigner } from '../../shared/signed-link';
import { EvidenceItemDecision } from '../evidence-item-decision';
import { IntegrityChallengeDto } from '../evidence-item-commands.response.dto';
import { issueIntegrityChallenge } from './integrity-challenge';
import { IssueIntegrityChallengeCommand } from './issue-integrity-challenge.command';

const HOW_TO_ANSWER =
  'response = hex SHA-256 of the nonce (its 64 ASCII hex characters) followed by the bytes of your copy: (printf %s "$NONCE"; cat package.tar) | sha256sum';

/**
 * A fresh challenge for the officer's attestation of the copy they hold (R18.5): a random
 * nonce, bound to this item and this officer, good for one receipt, verification or transfer
 * acknowledgement within 30 minutes. Nothing is recorded until it is answered.
 */
@CommandHandler(IssueIntegrityChallengeCommand)
export class IssueIntegrityChallengeHandler implements ICommandHandler<IssueIntegrityChallengeCommand, Result<IntegrityChallengeDto>> {
  constructor(
    private readonly decisions: EvidenceItemDecision,
    private readonly signer: LinkSigner,
  ) {}

  async execute({ principal, evidenceItemId }: IssueIntegrityChallengeCommand): Promise<Result<IntegrityChallengeDto>> {
    const found = await this.decisions.allowedAtHand(principal, evidenceItemId, (item, officer) => mayAttest(item, officer.record));
    if (!found.ok) return found;
    const { officer, now } = found.value;
    const { token, challenge, expiresAt } = issueIntegrityChallenge(this.signer, evidenceItemId, officer.record.personId, now);
    return ok({ evidenceItemId, challengeId: challenge.challengeId, challenge: token, nonce: challenge.nonce, expiresAt, answer: HOW_TO_ANSWER });
  }
}
