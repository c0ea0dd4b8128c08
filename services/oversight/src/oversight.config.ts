import { CommonConfig, embeddedDatabaseUrl, EMBEDDED_SERVICE_PORTS, IntSetting, Setting } from '@custos/platform';
import { MANDATORY_SITE_GRACE_DAYS } from '@custos/domain';
import { IsNumber, Max, Min } from 'class-validator';

/** The oversight service's settings: the common ones, its port and database, and the anomaly thresholds (R27.1). */
export class OversightConfig extends CommonConfig {
  override PORT: number = EMBEDDED_SERVICE_PORTS.oversight;
  override DATABASE_URL = embeddedDatabaseUrl('oversight');

  @IntSetting('Self-approval attempts by one person in a period from which an anomaly figure is raised (R27.1)', { min: 1 })
  ANOMALY_SELF_APPROVAL_ATTEMPTS: number = 1;

  @IntSetting("Refused approvals outside a head's authority (R17.2–R17.4) by one person in a period from which an anomaly figure is raised (R27.1)", { min: 1 })
  ANOMALY_OUTSIDE_AUTHORITY_ATTEMPTS: number = 1;

  @IntSetting('Requests filed and co-signed by the same two officers in a period from which an anomaly figure is raised (R27.1)', { min: 2 })
  ANOMALY_REPEATED_PAIR: number = 5;

  @Setting({ description: "An organ's or officer's accesses in a period above this multiple of its peers' median raise an anomaly figure (R27.1)" })
  @IsNumber()
  @Min(1)
  @Max(100)
  ANOMALY_ACCESS_PEER_FACTOR: number = 3;

  @IntSetting('The fewest accesses in a period that can raise an access-volume anomaly figure (R27.1)', { min: 1 })
  ANOMALY_ACCESS_MINIMUM: number = 10;

  @IntSetting('Days after its approval from which a request with no export, custody, session or revocation counts as stalled (R27.1)', { min: 1 })
  ANOMALY_NO_PROGRESS_DAYS: number = 30;

  @IntSetting('Stalled requests of one organ in a period from which an anomaly figure is raised (R27.1)', { min: 1 })
  ANOMALY_NO_PROGRESS_REQUESTS: number = 1;

  @IntSetting('Interrupted deliveries asked for by one officer in a period from which an anomaly figure is raised (R27.1)', { min: 1 })
  ANOMALY_INTERRUPTED_DELIVERIES: number = 3;

  @IntSetting('Integrity mismatches met by one officer in a period from which an anomaly figure is raised (R27.1)', { min: 1 })
  ANOMALY_INTEGRITY_MISMATCHES: number = 1;

  @IntSetting('Attempts by one person to use a revoked approval document in a period from which an anomaly figure is raised (R27.1)', { min: 1 })
  ANOMALY_REVOKED_DOCUMENT_USES: number = 1;
  @IntSetting('Days a mandatory site may stand without a system in use (from its duty or the removal of its last system) before a finding (R7.1, R7.2)', { min: 0 })
  MANDATORY_SITE_GRACE_DAYS: number = MANDATORY_SITE_GRACE_DAYS;

  @IntSetting('How often oversight looks for mandatory sites whose grace has ended, in ms (0: only when an event arrives) (R7.1, R7.2)', { min: 0 })
  MANDATORY_SITE_SWEEP_MS: number = 600_000;
}
