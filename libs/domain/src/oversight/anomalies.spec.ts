import { ActivityFact, computeAnomalies, DEFAULT_ANOMALY_THRESHOLDS } from './anomalies';

let seq = 0;
const fact = (kind: ActivityFact['kind'], organisationId: string, subject: string, at = '2026-03-10T00:00:00Z'): ActivityFact => {
  seq += 1;
  return { kind, organisationId, subject, at: new Date(at), evidence: { service: 'x', sequence: seq, eventId: `e${seq}` } };
};
const period = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };

describe('anomaly reports (R27.1)', () => {
  it('raises every self-approval attempt, naming its event (R27.1)', () => {
    const figures = computeAnomalies([fact('SELF_APPROVAL_ATTEMPT', 'org-a', 'head-1')], period);
    expect(figures).toEqual([
      expect.objectContaining({ kind: 'SELF_APPROVAL_ATTEMPTS', organisationId: 'org-a', subject: 'head-1', count: 1, evidence: [expect.objectContaining({ eventId: expect.any(String) })] }),
    ]);
  });

  it('counts only the facts inside the period', () => {
    expect(computeAnomalies([fact('OUTSIDE_AUTHORITY_ATTEMPT', 'org-a', 'h', '2026-04-01T00:00:00Z')], period)).toEqual([]);
  });

  it('raises the same officer pair at the threshold, not below (R27.1)', () => {
    const four = Array.from({ length: 4 }, () => fact('OFFICER_PAIR', 'org-a', 'p1+p2'));
    expect(computeAnomalies(four, period)).toEqual([]);
    const five = [...four, fact('OFFICER_PAIR', 'org-a', 'p1+p2')];
    expect(computeAnomalies(five, period)).toEqual([expect.objectContaining({ kind: 'REPEATED_OFFICER_PAIR', count: 5, threshold: DEFAULT_ANOMALY_THRESHOLDS.repeatedPair })]);
  });

  it('raises an organ whose accesses are far above its peers’ median, and not the peers (R27.1)', () => {
    const facts = [
      ...Array.from({ length: 40 }, () => fact('ACCESS', 'org-busy', 'o1')),
      ...Array.from({ length: 5 }, () => fact('ACCESS', 'org-b', 'o2')),
      ...Array.from({ length: 6 }, () => fact('ACCESS', 'org-c', 'o3')),
    ];
    const organs = computeAnomalies(facts, period).filter((f) => f.kind === 'ACCESS_VOLUME_ORGAN');
    expect(organs).toEqual([expect.objectContaining({ organisationId: 'org-busy', count: 40, peerMedian: 5.5 })]);
    expect(organs[0].evidence).toHaveLength(40);
  });

  it('raises nothing where the thresholds are set above the facts', () => {
    const facts = [fact('SELF_APPROVAL_ATTEMPT', 'org-a', 'h'), fact('SELF_APPROVAL_ATTEMPT', 'org-a', 'h')];
    expect(computeAnomalies(facts, period, { ...DEFAULT_ANOMALY_THRESHOLDS, selfApprovalAttempts: 3 })).toEqual([]);
  });

  it('raises requests approved 30 days or more before the end of the period and never used, per requesting organ (R27.1)', () => {
    const asOf = new Date('2026-03-31T00:00:00Z');
    const stale = fact('APPROVAL_GRANTED', 'org-a', 'req-stale', '2026-03-01T00:00:00Z');
    const used = fact('APPROVAL_GRANTED', 'org-a', 'req-used', '2026-03-01T00:00:00Z');
    const recent = fact('APPROVAL_GRANTED', 'org-a', 'req-recent', '2026-03-20T00:00:00Z');
    // Progress after the period's end is progress all the same, if it came before asOf.
    const progress = fact('CASE_PROGRESS', 'org-owner', 'req-used', '2026-03-05T00:00:00Z');
    const late = fact('CASE_PROGRESS', 'org-owner', 'req-stale', '2026-04-05T00:00:00Z');
    const figures = computeAnomalies([stale, used, recent, progress, late], period, DEFAULT_ANOMALY_THRESHOLDS, asOf);
    expect(figures).toEqual([expect.objectContaining({ kind: 'REQUESTS_WITHOUT_PROGRESS', organisationId: 'org-a', count: 1, evidence: [stale.evidence] })]);
    expect(computeAnomalies([stale], period, { ...DEFAULT_ANOMALY_THRESHOLDS, noProgressDays: 31 }, asOf)).toEqual([]);
  });

  it('raises interrupted deliveries at the threshold, and every integrity mismatch and use of a revoked document (R27.1)', () => {
    const deliveries = Array.from({ length: 3 }, () => fact('DELIVERY_INTERRUPTED', 'org-a', 'officer-1'));
    const facts = [...deliveries.slice(0, 2), fact('INTEGRITY_MISMATCH', 'org-a', 'officer-2'), fact('REVOKED_DOCUMENT_USE', 'org-b', 'officer-3')];
    expect(computeAnomalies(facts, period).map((f) => f.kind).sort()).toEqual(['INTEGRITY_MISMATCHES', 'REVOKED_DOCUMENT_USE_ATTEMPTS']);
    const three = computeAnomalies([...deliveries], period);
    expect(three).toEqual([expect.objectContaining({ kind: 'INTERRUPTED_DELIVERIES', subject: 'officer-1', count: 3, threshold: 3 })]);
  });
});
