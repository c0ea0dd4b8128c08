import type { BusOptions, EventTransport } from '@custos/eventstore';
import type { OfficerPolicy, RulePackConfig } from '@custos/domain';
import type { ApprovalTrust } from '@custos/platform';
import type { FootageSource } from './domain/footage-source.port';
import type { OfficerDirectory } from './domain/officer-directory.port';
import type { LinkSigner } from './shared/signed-link';

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
  /** The bus's settings (`eventBusOf(config)`): the kernel opens and closes its transport, which the workers then take. */
  readonly bus?: BusOptions;
  readonly topicPrefix?: string;
  /** Consumer group (and inbox name) of the storage consumer; default `custody.storage-exports`. */
  readonly consumerGroup?: string;
  /** How long the second receiving officer has to confirm a hand-over (R18.1); default 15 minutes. */
  readonly coSignWindowMs?: number;
  readonly clock?: () => Date;
  /** Segments and packages of the storage service; viewing and delivery need it (R18.1–R18.5). */
  readonly footage?: FootageSource;
  /** Signs and checks the short-lived links browsers play and download footage with (R18.4). */
  readonly linkSigner?: LinkSigner;
  /** How long a delivery link lives (R18.5); default 5 minutes, never more than 10. */
  readonly deliveryLinkTtlMs?: number;
  /** Lifetime of a viewing session's playback links (default 5 minutes; never beyond the session). */
  readonly playbackLinkTtlMs?: number;
  /** Most bytes one playback answer carries (default 4 MiB): footage plays by range, never downloads whole (R18.4). */
  readonly maxPlaybackRangeBytes?: number;
  /** How often open viewing sessions past their time are recorded as EXPIRED (default 30 s; 0 = never). */
  readonly viewingExpiryIntervalMs?: number;
  /** How often a running delivery moves its heartbeat on (default 10 s). */
  readonly deliveryHeartbeatMs?: number;
  /** How long a delivery's heartbeat may be silent before the sweeper records it ABANDONED (default 60 s). */
  readonly deliveryStaleMs?: number;
  /** How often the sweeper looks for abandoned deliveries (default 30 s; 0 = never). */
  readonly deliverySweepIntervalMs?: number;
  /**
   * Who joins a viewing session beyond the law's two officers (R18.1): with `onlySigners` (the
   * default) only the filer and the co-signer; without it any qualified officer of the
   * requesting organ. Default DEFAULT_OFFICER_POLICY.
   */
  readonly officerPolicy?: OfficerPolicy;
  /** The rule packs and how they compose (issue 21, `rulePacksOf(config)`); default `DEFAULT_RULE_PACK_CONFIG`. */
  readonly rulePacks?: RulePackConfig;
  /** Consumer group (and inbox name) of the requests consumer; default `custody.view-requests`. */
  readonly viewRequestsConsumerGroup?: string;
  /** Custody's client at the OpenID provider: the service principal its reads of footage are registered under (R16.6); default `custody`. */
  readonly serviceClientId?: string;
  /** Consumer group (and inbox name) of the approvals consumer (direct-access grants, R17.4); default `custody.direct-access-grants`. */
  readonly directAccessConsumerGroup?: string;
}
