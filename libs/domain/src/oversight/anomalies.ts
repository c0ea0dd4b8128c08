/**
 * Anomaly reports for the bodies that audit officials (R27.1: abuse of power, neglect of duty,
 * favouritism), computed from facts of the ledgered events, per organ and period. A figure is
 * a signal for a person to look at, never a finding by itself; each names the events behind it.
 */

/** An event, where the ledger holds it. */
export interface EvidenceRef {
  readonly service: string;
  readonly sequence: number;
  readonly eventId: string;
}

export type ActivityKind = 'SELF_APPROVAL_ATTEMPT' | 'OUTSIDE_AUTHORITY_ATTEMPT' | 'OFFICER_PAIR' | 'ACCESS';

/** One fact of an official's conduct, read from an event. */
export interface ActivityFact {
  readonly kind: ActivityKind;
  readonly organisationId: string;
  /** The official (for OFFICER_PAIR: the two, sorted, joined by `+`). */
  readonly subject: string;
  readonly at: Date;
  readonly evidence: EvidenceRef;
}

export interface AnomalyThresholds {
  /** Self-approval attempts by one person in the period from which a figure is raised (R27.1). */
  readonly selfApprovalAttempts: number;
  /** Refused approvals outside the head's authority (R17.2–R17.4) by one person. */
  readonly outsideAuthorityAttempts: number;
  /** Requests signed by the same two officers in the period. */
  readonly repeatedPair: number;
  /** An organ's or officer's accesses above this multiple of the median of its peers. */
  readonly accessPeerFactor: number;
  /** …and at least this many, so that small numbers raise nothing. */
  readonly accessMinimum: number;
}

export const DEFAULT_ANOMALY_THRESHOLDS: AnomalyThresholds = {
  selfApprovalAttempts: 1,
  outsideAuthorityAttempts: 1,
  repeatedPair: 5,
  accessPeerFactor: 3,
  accessMinimum: 10,
};

export interface AnomalyFigure {
  readonly kind: 'SELF_APPROVAL_ATTEMPTS' | 'OUTSIDE_AUTHORITY_ATTEMPTS' | 'REPEATED_OFFICER_PAIR' | 'ACCESS_VOLUME_ORGAN' | 'ACCESS_VOLUME_OFFICER';
  readonly rule: 'R27.1';
  readonly organisationId: string;
  readonly subject: string;
  readonly count: number;
  readonly threshold: number;
  /** For access volumes: the median of the peers compared with. */
  readonly peerMedian?: number;
  readonly evidence: readonly EvidenceRef[];
}

/** Facts in [from, to) grouped by organ and subject, then figures raised at the thresholds. */
export function computeAnomalies(
  facts: readonly ActivityFact[],
  period: { readonly from: Date; readonly to: Date },
  thresholds: AnomalyThresholds = DEFAULT_ANOMALY_THRESHOLDS,
): AnomalyFigure[] {
  const inPeriod = facts.filter((f) => f.at >= period.from && f.at < period.to);
  const figures: AnomalyFigure[] = [
    ...countFigures(inPeriod, 'SELF_APPROVAL_ATTEMPT', 'SELF_APPROVAL_ATTEMPTS', thresholds.selfApprovalAttempts),
    ...countFigures(inPeriod, 'OUTSIDE_AUTHORITY_ATTEMPT', 'OUTSIDE_AUTHORITY_ATTEMPTS', thresholds.outsideAuthorityAttempts),
    ...countFigures(inPeriod, 'OFFICER_PAIR', 'REPEATED_OFFICER_PAIR', thresholds.repeatedPair),
  ];
  const accesses = inPeriod.filter((f) => f.kind === 'ACCESS');
  figures.push(...peerFigures(groupBy(accesses, (f) => f.organisationId), 'ACCESS_VOLUME_ORGAN', thresholds, (key) => ({ organisationId: key, subject: key })));
  figures.push(
    ...peerFigures(groupBy(accesses, (f) => `${f.organisationId}\u0000${f.subject}`), 'ACCESS_VOLUME_OFFICER', thresholds, (key) => {
      const [organisationId, subject] = key.split('\u0000');
      return { organisationId, subject };
    }),
  );
  return figures;
}

function countFigures(facts: readonly ActivityFact[], kind: ActivityKind, figure: AnomalyFigure['kind'], threshold: number): AnomalyFigure[] {
  const groups = groupBy(
    facts.filter((f) => f.kind === kind),
    (f) => `${f.organisationId}\u0000${f.subject}`,
  );
  return [...groups.values()]
    .filter((g) => g.length >= threshold)
    .map((g) => ({ kind: figure, rule: 'R27.1', organisationId: g[0].organisationId, subject: g[0].subject, count: g.length, threshold, evidence: g.map((f) => f.evidence) }));
}

/**
 * A group far above its peers: more than `accessPeerFactor` × the median of the others'
 * counts (a median, so that one outlier does not hide another), and at least `accessMinimum`.
 */
function peerFigures(
  groups: Map<string, ActivityFact[]>,
  figure: AnomalyFigure['kind'],
  thresholds: AnomalyThresholds,
  identify: (key: string) => { organisationId: string; subject: string },
): AnomalyFigure[] {
  const counts = [...groups.entries()].map(([key, g]) => ({ key, g }));
  if (counts.length < 2) return [];
  return counts.flatMap(({ key, g }) => {
    const peerMedian = median(counts.filter((c) => c.key !== key).map((c) => c.g.length));
    const threshold = Math.max(thresholds.accessMinimum, thresholds.accessPeerFactor * peerMedian);
    if (g.length < thresholds.accessMinimum || g.length <= thresholds.accessPeerFactor * peerMedian) return [];
    return [{ kind: figure, rule: 'R27.1' as const, ...identify(key), count: g.length, threshold, peerMedian, evidence: g.map((f) => f.evidence) }];
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
