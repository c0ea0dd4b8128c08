import { EventEnvelope } from '@custos/contracts';
import { inEventSpan } from '@custos/eventstore';
import { currentCorrelationId, currentRequestContext, runWithRequestContext } from '../logging/request-context';
import { createConfiguredApp } from '../test-support/test-app';

describe("a consumed event's context (issue 15)", () => {
  it('runs the handler in the correlation id of the request that caused the event, in the consuming service', async () => {
    const app = await createConfiguredApp([], { service: 'approvals' });
    try {
      const event = { id: '0b6f3c3e-5a8e-4b8e-9d7e-2f1f6a1c1a01', type: 'requests.RequestCoSigned', correlationId: 'c-from-requests' } as EventEnvelope;
      const seen = await runWithRequestContext({ service: 'approvals' }, () =>
        inEventSpan('approvals.request-events', event, async () => ({ correlationId: currentCorrelationId(), service: currentRequestContext()?.service })),
      );
      expect(seen).toEqual({ correlationId: 'c-from-requests', service: 'approvals' });
    } finally {
      await app.close();
    }
  });
});
