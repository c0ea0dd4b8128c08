import { CommonConfig, IntSetting, serviceSettings, Setting, settingRow, withSettings } from '@custos/platform';
import { MANDATORY_SITE_GRACE_DAYS } from '@custos/domain';
import { IsNumber, Max, Min } from 'class-validator';

/** A count of `what` in a period from which an anomaly figure is raised (R27.1). */
function anomalyCount(value: number, what: string, min = 1) {
  return settingRow(value, IntSetting(`${what} in a period from which an anomaly figure is raised (R27.1)`, { min }));
}

/** The anomaly thresholds (R27.1), one row a threshold. */
const ANOMALY_SETTINGS = {
  ANOMALY_SELF_APPROVAL_ATTEMPTS: anomalyCount(1, 'Self-approval attempts by one person'),
  ANOMALY_OUTSIDE_AUTHORITY_ATTEMPTS: anomalyCount(1, "Refused approvals outside a head's authority (R17.2–R17.4) by one person"),
  ANOMALY_REPEATED_PAIR: anomalyCount(5, 'Requests filed and co-signed by the same two officers', 2),
  ANOMALY_ACCESS_PEER_FACTOR: settingRow(
    3,
    Setting({ description: "An organ's or officer's accesses in a period above this multiple of its peers' median raise an anomaly figure (R27.1)" }),
    IsNumber(),
    Min(1),
    Max(100),
  ),
  ANOMALY_ACCESS_MINIMUM: settingRow(10, IntSetting('The fewest accesses in a period that can raise an access-volume anomaly figure (R27.1)', { min: 1 })),
  ANOMALY_NO_PROGRESS_DAYS: settingRow(
    30,
    IntSetting('Days after its approval from which a request with no export, custody, session or revocation counts as stalled (R27.1)', { min: 1 }),
  ),
  ANOMALY_NO_PROGRESS_REQUESTS: anomalyCount(1, 'Stalled requests of one organ'),
  ANOMALY_INTERRUPTED_DELIVERIES: anomalyCount(3, 'Interrupted deliveries asked for by one officer'),
  ANOMALY_INTEGRITY_MISMATCHES: anomalyCount(1, 'Integrity mismatches met by one officer'),
  ANOMALY_REVOKED_DOCUMENT_USES: anomalyCount(1, 'Attempts by one person to use a revoked approval document'),
};

/** The oversight service's settings: the common ones, its port and database, the anomaly thresholds (R27.1) and the mandatory sites' timing. */
export class OversightConfig extends withSettings(serviceSettings('oversight', CommonConfig), ANOMALY_SETTINGS) {
  @IntSetting('Days a mandatory site may stand without a system in use (from its duty or the removal of its last system) before a finding (R7.1, R7.2)', { min: 0 })
  MANDATORY_SITE_GRACE_DAYS: number = MANDATORY_SITE_GRACE_DAYS;

  @IntSetting('How often oversight looks for mandatory sites whose grace has ended, in ms (0: only when an event arrives) (R7.1, R7.2)', { min: 0 })
  MANDATORY_SITE_SWEEP_MS: number = 600_000;
}
