import { DAY_MS } from '../shared/time-window';

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

export type ActivityKind =
  | 'SELF_APPROVAL_ATTEMPT'
  | 'OUTSIDE_AUTHORITY_ATTEMPT'
  | 'OFFICER_PAIR'
  | 'ACCESS'
  /** An approval granted (subject: the request id; organ: the requesting organ). */
  | 'APPROVAL_GRANTED'
  /** Something done on an approved request (an export, a not-held answer, custody opened, a direct-access session) or its end (revoked): subject the request id. */
  | 'CASE_PROGRESS'
  | 'DELIVERY_INTERRUPTED'
  | 'INTEGRITY_MISMATCH'
  /** A step refused because the approval document it relied on was revoked (R18.5). */
  | 'REVOKED_DOCUMENT_USE';

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
  /** Days after its approval by which a request without progress counts as stalled. */
  readonly noProgressDays: number;
  /** Stalled requests of one organ from which a figure is raised. */
  readonly noProgressRequests: number;
  /** Interrupted deliveries asked for by one officer. */
  readonly interruptedDeliveries: number;
  /** Integrity mismatches met by one officer. */
  readonly integrityMismatches: number;
  /** Attempts by one person to use a revoked approval document. */
  readonly revokedDocumentUses: number;
}

export const DEFAULT_ANOMALY_THRESHOLDS: AnomalyThresholds = {
  selfApprovalAttempts: 1,
  outsideAuthorityAttempts: 1,
  repeatedPair: 5,
  accessPeerFactor: 3,
  accessMinimum: 10,
  noProgressDays: 30,
  noProgressRequests: 1,
  interruptedDeliveries: 3,
  integrityMismatches: 1,
  revokedDocumentUses: 1,
};

export const ANOMALY_KINDS = [
  'SELF_APPROVAL_ATTEMPTS',
  'OUTSIDE_AUTHORITY_ATTEMPTS',
  'REPEATED_OFFICER_PAIR',
  'ACCESS_VOLUME_ORGAN',
  'ACCESS_VOLUME_OFFICER',
  'REQUESTS_WITHOUT_PROGRESS',
  'INTERRUPTED_DELIVERIES',
  'INTEGRITY_MISMATCHES',
  'REVOKED_DOCUMENT_USE_ATTEMPTS',
] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

export interface AnomalyFigure {
  readonly kind: AnomalyKind;
  readonly rule: 'R27.1';
  readonly organisationId: string;
  readonly subject: string;
  readonly count: number;
  readonly threshold: number;
  /** For access volumes: the median of the peers compared with. */
  readonly peerMedian?: number;
  readonly evidence: readonly EvidenceRef[];
}

/**
 * Facts in [from, to) grouped by organ and subject, then figures raised at the thresholds.
 * `asOf` (the end of the period, or now if earlier) is when a request approved in the period is
 * judged stalled; `CASE_PROGRESS` facts count whenever they happened before it.
 */
export function computeAnomalies(
  facts: readonly ActivityFact[],
  period: { readonly from: Date; readonly to: Date },
  thresholds: AnomalyThresholds = DEFAULT_ANOMALY_THRESHOLDS,
  asOf: Date = period.to,
): AnomalyFigure[] {
  const inPeriod = facts.filter((f) => f.at >= period.from && f.at < period.to);
  const figures: AnomalyFigure[] = [
    ...countFigures(inPeriod, 'SELF_APPROVAL_ATTEMPT', 'SELF_APPROVAL_ATTEMPTS', thresholds.selfApprovalAttempts),
    ...countFigures(inPeriod, 'OUTSIDE_AUTHORITY_ATTEMPT', 'OUTSIDE_AUTHORITY_ATTEMPTS', thresholds.outsideAuthorityAttempts),
    ...countFigures(inPeriod, 'OFFICER_PAIR', 'REPEATED_OFFICER_PAIR', thresholds.repeatedPair),
    ...countFigures(inPeriod, 'DELIVERY_INTERRUPTED', 'INTERRUPTED_DELIVERIES', thresholds.interruptedDeliveries),
    ...countFigures(inPeriod, 'INTEGRITY_MISMATCH', 'INTEGRITY_MISMATCHES', thresholds.integrityMismatches),
    ...countFigures(inPeriod, 'REVOKED_DOCUMENT_USE', 'REVOKED_DOCUMENT_USE_ATTEMPTS', thresholds.revokedDocumentUses),
    ...stalledRequestFigures(inPeriod, facts, asOf, thresholds),
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
 * Requests approved in the period on which nothing happened (no export, no not-held answer, no
 * custody, no direct-access session, no revocation) by `asOf`, `noProgressDays` or more after
 * the approval: per requesting organ, each request's approval as its evidence (R27.1: an
 * approval nobody used may have been sought for another end).
 */
function stalledRequestFigures(inPeriod: readonly ActivityFact[], all: readonly ActivityFact[], asOf: Date, thresholds: AnomalyThresholds): AnomalyFigure[] {
  const progressed = new Set(all.filter((f) => f.kind === 'CASE_PROGRESS' && f.at <= asOf).map((f) => f.subject));
  const deadline = asOf.getTime() - thresholds.noProgressDays * DAY_MS;
  const stalled = inPeriod.filter((f) => f.kind === 'APPROVAL_GRANTED' && f.at.getTime() <= deadline && !progressed.has(f.subject));
  return [...groupBy(stalled, (f) => f.organisationId).entries()]
    .filter(([, g]) => g.length >= thresholds.noProgressRequests)
    .map(([organisationId, g]) => ({
      kind: 'REQUESTS_WITHOUT_PROGRESS' as const,
      rule: 'R27.1' as const,
      organisationId,
      subject: organisationId,
      count: g.length,
      threshold: thresholds.noProgressRequests,
      evidence: g.map((f) => f.evidence),
    }));
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
