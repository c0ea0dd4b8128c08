import { CommonConfig, embeddedDatabaseUrl, Setting } from '@custos/platform';
import { MANDATORY_SITE_GRACE_DAYS } from '@custos/domain';
import { IsInt, IsNumber, Max, Min } from 'class-validator';

/** The oversight service's settings: the common ones, its port and database, and the anomaly thresholds (R27.1). */
export class OversightConfig extends CommonConfig {
  override PORT = 3007;
  override DATABASE_URL = embeddedDatabaseUrl('oversight');

  @Setting({ description: 'Self-approval attempts by one person in a period from which an anomaly figure is raised (R27.1)' })
  @IsInt()
  @Min(1)
  ANOMALY_SELF_APPROVAL_ATTEMPTS: number = 1;

  @Setting({ description: "Refused approvals outside a head's authority (R17.2–R17.4) by one person in a period from which an anomaly figure is raised (R27.1)" })
  @IsInt()
  @Min(1)
  ANOMALY_OUTSIDE_AUTHORITY_ATTEMPTS: number = 1;

  @Setting({ description: 'Requests filed and co-signed by the same two officers in a period from which an anomaly figure is raised (R27.1)' })
  @IsInt()
  @Min(2)
  ANOMALY_REPEATED_PAIR: number = 5;

  @Setting({ description: "An organ's or officer's accesses in a period above this multiple of its peers' median raise an anomaly figure (R27.1)" })
  @IsNumber()
  @Min(1)
  @Max(100)
  ANOMALY_ACCESS_PEER_FACTOR: number = 3;

  @Setting({ description: 'The fewest accesses in a period that can raise an access-volume anomaly figure (R27.1)' })
  @IsInt()
  @Min(1)
  ANOMALY_ACCESS_MINIMUM: number = 10;

  @Setting({ description: 'Days after its approval from which a request with no export, custody, session or revocation counts as stalled (R27.1)' })
  @IsInt()
  @Min(1)
  ANOMALY_NO_PROGRESS_DAYS: number = 30;

  @Setting({ description: 'Stalled requests of one organ in a period from which an anomaly figure is raised (R27.1)' })
  @IsInt()
  @Min(1)
  ANOMALY_NO_PROGRESS_REQUESTS: number = 1;

  @Setting({ description: 'Interrupted deliveries asked for by one officer in a period from which an anomaly figure is raised (R27.1)' })
  @IsInt()
  @Min(1)
  ANOMALY_INTERRUPTED_DELIVERIES: number = 3;

  @Setting({ description: 'Integrity mismatches met by one officer in a period from which an anomaly figure is raised (R27.1)' })
  @IsInt()
  @Min(1)
  ANOMALY_INTEGRITY_MISMATCHES: number = 1;

  @Setting({ description: 'Attempts by one person to use a revoked approval document in a period from which an anomaly figure is raised (R27.1)' })
  @IsInt()
  @Min(1)
  ANOMALY_REVOKED_DOCUMENT_USES: number = 1;
  @Setting({ description: 'Days a mandatory site may stand without a system in use (from its duty or the removal of its last system) before a finding (R7.1, R7.2)' })
  @IsInt()
  @Min(0)
  MANDATORY_SITE_GRACE_DAYS: number = MANDATORY_SITE_GRACE_DAYS;

  @Setting({ description: 'How often oversight looks for mandatory sites whose grace has ended, in ms (0: only when an event arrives) (R7.1, R7.2)' })
  @IsInt()
  @Min(0)
  MANDATORY_SITE_SWEEP_MS: number = 600_000;
}
