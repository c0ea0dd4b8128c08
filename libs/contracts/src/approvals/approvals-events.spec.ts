import { EventRegistry } from '../event-registry';
import { APPROVAL_DENIED, APPROVALS_EVENTS } from './approvals-events';

const registry = new EventRegistry().register(...APPROVALS_EVENTS);
const denied = (schemaVersion: number, payload: Record<string, unknown>) => ({
  id: '0d9f8a52-6c8e-4b1e-9d3b-2f3c4a5b6c7d',
  type: APPROVAL_DENIED,
  schemaVersion,
  aggregateId: 'r-1',
  aggregateVersion: 2,
  occurredAt: '2026-11-28T10:00:00.000Z',
  actor: { subject: 'u' },
  correlationId: 'c',
  causationId: null,
  payload,
  sequence: 7,
  service: 'approvals',
});
const v1 = { requestId: 'r-1', approver: { personId: 'p', organisationId: 'o' }, reason: 'no', decidedAt: '2026-11-28T10:00:00.000Z' };

describe('approvals.ApprovalDenied (R26.1)', () => {
  it('reads a version-1 denial, which had no basis, with its rule UNRECORDED', () => {
    const result = registry.decode(denied(1, v1));
    expect(result.ok && result.event).toMatchObject({ schemaVersion: 2, payload: { ...v1, rule: 'UNRECORDED' } });
  });

  it('requires a rule on a version-2 denial: free text alone is no basis (R26.1)', () => {
    expect(registry.decode(denied(2, v1)).ok).toBe(false);
    expect(registry.decode(denied(2, { ...v1, rule: 'R17.1', legalBasis: 'Art. 54' })).ok).toBe(true);
  });
});
