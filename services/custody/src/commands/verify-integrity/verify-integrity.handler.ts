import { CommandHandler } from '@nestjs/cqrs';
import { mayVerify } from '@custos/domain';
import { IntegrityCheckHandler } from '../integrity-check.handler';
import { VerifyIntegrityCommand } from './verify-integrity.command';

/**
 * The holder has the package checked at any time (R18.5): custody re-hashes the stored
 * package itself; with an attestation (a challenge answered over the officer's copy) their
 * copy is checked too. A mismatch raises the alarm naming the copy that failed.
 */
@CommandHandler(VerifyIntegrityCommand)
export class VerifyIntegrityHandler extends IntegrityCheckHandler<VerifyIntegrityCommand> {
  protected readonly check = { may: mayVerify, record: 'verify', showsHolder: false } as const;
}
