import { CommandHandler } from '@nestjs/cqrs';
import { mayReceive } from '@custos/domain';
import { IntegrityCheckHandler } from '../integrity-check.handler';
import { RecordReceiptCommand } from './record-receipt.command';

/**
 * An officer of the receiving organ takes the handed-over package into custody (R18.5):
 * custody re-hashes the stored package itself, and the officer attests the copy they hold by
 * answering a challenge. Both matching puts it in custody; a mismatch is recorded with the
 * alarm `custody.IntegrityMismatchDetected` naming the copy that failed, and the item moves
 * no further.
 */
@CommandHandler(RecordReceiptCommand)
export class RecordReceiptHandler extends IntegrityCheckHandler<RecordReceiptCommand> {
  // The answer names the holder: the receiving organ once both copies matched.
  protected readonly check = { may: mayReceive, record: 'receive', showsHolder: true } as const;
}
