import type { EventTransport } from '@custos/eventstore';
import type { ApprovalTrust } from '@custos/platform';
import type { OfficerDirectory } from './domain/officer-directory.port';

export interface CustodyModuleOptions {
  /** The custody service's own database; the module opens (and closes) its pool. */
  readonly databaseUrl: string;
  /** Officers' qualifications and organisations' divisions (the registry). */
  readonly officers: OfficerDirectory;
  /** Approving organs' public keys and revoked documents (the approvals service, R18.5). */
  readonly approvalTrust: ApprovalTrust;
  /**
   * The bus: custody consumes storage's export packages from it and publishes its own events
   * to it (relay). Without it, no worker runs (unit-style tests feed the consumer themselves).
   */
  readonly transport?: EventTransport;
  readonly topicPrefix?: string;
  /** Consumer group (and inbox name) of the storage consumer; default `custody.storage-exports`. */
  readonly consumerGroup?: string;
  /** How long the second receiving officer has to confirm a hand-over (R18.1); default 15 minutes. */
  readonly coSignWindowMs?: number;
  readonly clock?: () => Date;
}
