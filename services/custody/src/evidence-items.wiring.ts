import { Provider } from '@nestjs/common';
import { portsServedBy } from '@custos/platform';
import { DeliveredItems, DeliveryLeaseStore } from './commands/deliver-package/delivery.ports';
import { CustodyReadModels } from './database/custody.read-models';
import { DeliveryLeases } from './database/delivery-leases.table';
import { EvidenceItemRepository } from './database/evidence-item.repository';
import { EvidenceItems } from './domain/evidence-items.port';
import { AcknowledgeTransferHandler } from './commands/acknowledge-transfer/acknowledge-transfer.handler';
import { CancelTransferHandler } from './commands/cancel-transfer/cancel-transfer.handler';
import { ConfirmHandOverHandler } from './commands/confirm-hand-over/confirm-hand-over.handler';
import { EvidenceItemDecision } from './commands/evidence-item-decision';
import { InitiateHandOverHandler } from './commands/initiate-hand-over/initiate-hand-over.handler';
import { IssueIntegrityChallengeHandler } from './commands/integrity-challenge/issue-integrity-challenge.handler';
import { IntegrityDecision } from './commands/integrity-evidence';
import { RecordReceiptHandler } from './commands/record-receipt/record-receipt.handler';
import { RecordViewHandler } from './commands/record-view/record-view.handler';
import { RequestDeliveryLinkHandler } from './commands/request-delivery-link/request-delivery-link.handler';
import { RequestTransferHandler } from './commands/request-transfer/request-transfer.handler';
import { VerifyIntegrityHandler } from './commands/verify-integrity/verify-integrity.handler';
import { CustodyViews } from './queries/custody-views.port';
import { EvidenceItemHistory } from './queries/evidence-items/evidence-item-history.port';

/**
 * Evidence items' use cases: the ports bound to the event-sourced repository and the read
 * models, the unit of work, and one handler per command.
 */
export const EVIDENCE_ITEM_PROVIDERS: Provider[] = [
  ...portsServedBy(EvidenceItemRepository, EvidenceItems, EvidenceItemHistory, DeliveredItems),
  ...portsServedBy(CustodyReadModels, CustodyViews),
  ...portsServedBy(DeliveryLeases, DeliveryLeaseStore),
  EvidenceItemDecision,
  IntegrityDecision,
  InitiateHandOverHandler,
  ConfirmHandOverHandler,
  RecordReceiptHandler,
  VerifyIntegrityHandler,
  RequestTransferHandler,
  AcknowledgeTransferHandler,
  CancelTransferHandler,
  RecordViewHandler,
  IssueIntegrityChallengeHandler,
  RequestDeliveryLinkHandler,
];
