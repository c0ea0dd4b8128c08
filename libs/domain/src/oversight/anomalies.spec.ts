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
});
