import {
  EventEnvelope,
  EventRegistry,
  PayloadOf,
  payloadIf,
  REQUEST_CO_SIGNED,
  REQUEST_FILED,
  REQUEST_WITHDRAWN,
  RequestFiled,
  REQUESTS_EVENTS,
  RequestWithdrawn,
} from '@custos/contracts';
import { dispatchEvent, EventHandlers, handlesType, projectionOf } from './event-handlers';

const withdrawn: RequestWithdrawn = {
  withdrawnBy: 'officer-1',
  reason: 'case closed',
  withdrawnAt: '2026-01-02T03:04:05.000Z',
};

function envelope(type: string, payload: object): EventEnvelope {
  return {
    id: '6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
    type,
    schemaVersion: 1,
    aggregateId: 'request-1',
    aggregateVersion: 2,
    occurredAt: '2026-01-02T03:04:05.000Z',
    actor: { subject: 'officer-1' },
    correlationId: 'corr-1',
    causationId: null,
    payload: { ...payload },
    sequence: 7,
    service: 'requests',
  };
}

describe("typed event handlers: dispatch by the contracts' event type (issue 15)", () => {
  it('hands an event to the handler of its type with its payload, the envelope and the context', async () => {
    const seen: unknown[] = [];
    const handlers: EventHandlers<string, string> = {
      [REQUEST_WITHDRAWN]: (p, e, context) => {
        seen.push([p.withdrawnBy, p.reason, e.aggregateId, e.sequence, context]);
        return 'withdrawn';
      },
      [REQUEST_CO_SIGNED]: () => 'co-signed',
    };
    await expect(dispatchEvent(handlers, envelope(REQUEST_WITHDRAWN, withdrawn), 'tx-1')).resolves.toBe('withdrawn');
    expect(seen).toEqual([['officer-1', 'case closed', 'request-1', 7, 'tx-1']]);
  });

  it('skips an event of a type without a handler, as readers ignore what they do not read', async () => {
    let called = 0;
    const handlers: EventHandlers<null> = { [REQUEST_FILED]: () => void called++ };
    await expect(dispatchEvent(handlers, envelope(REQUEST_WITHDRAWN, withdrawn), null)).resolves.toBeUndefined();
    await expect(dispatchEvent(handlers, envelope('requests.NotAType', {}), null)).resolves.toBeUndefined();
    // A type named like one of Object's own members is not a handler either.
    await expect(dispatchEvent(handlers, envelope('toString', {}), null)).resolves.toBeUndefined();
    expect(handlesType(handlers, 'constructor')).toBe(false);
    expect(called).toBe(0);
  });

  it('lets a handler failure through, for the projection runner or consumer to quarantine', async () => {
    const handlers: EventHandlers<null> = {
      [REQUEST_WITHDRAWN]: () => {
        throw new Error('cannot apply');
      },
    };
    await expect(dispatchEvent(handlers, envelope(REQUEST_WITHDRAWN, withdrawn), null)).rejects.toThrow('cannot apply');
  });

  it('makes a projection whose apply dispatches by type and ignores the rest', async () => {
    const applied: string[] = [];
    const projection = projectionOf({
      name: 'test.read-model',
      tables: ['t'],
      handlers: { [REQUEST_WITHDRAWN]: async (p) => void applied.push(p.reason) },
    });
    expect(projection).toMatchObject({ name: 'test.read-model', tables: ['t'] });
    expect('handlers' in projection).toBe(false);
    const tx = {} as Parameters<typeof projection.apply>[1];
    await projection.apply(envelope(REQUEST_WITHDRAWN, withdrawn), tx);
    await projection.apply(envelope(REQUEST_CO_SIGNED, {}), tx);
    expect(applied).toEqual(['case closed']);
  });

  it('types a payload as the registry decodes it (PayloadOf names the class a definition validates)', () => {
    const decoded = new EventRegistry().register(...REQUESTS_EVENTS).decode(envelope(REQUEST_WITHDRAWN, withdrawn));
    if (!decoded.ok) throw new Error(decoded.reason);
    const p: PayloadOf<typeof REQUEST_WITHDRAWN> | undefined = payloadIf(decoded.event, REQUEST_WITHDRAWN);
    expect(p?.withdrawnBy).toBe('officer-1');
    expect(payloadIf(decoded.event, REQUEST_FILED)).toBeUndefined();
  });

  it("does not compile a handler whose payload is not its type's", () => {
    const wrong: EventHandlers<null> = {
      // @ts-expect-error: a RequestWithdrawn handler cannot take a RequestFiled payload.
      [REQUEST_WITHDRAWN]: (p: RequestFiled) => void p.caseReference,
    };
    // @ts-expect-error: a RequestWithdrawn payload has no caseReference.
    const right: EventHandlers<null> = { [REQUEST_WITHDRAWN]: (p) => void p.caseReference };
    // @ts-expect-error: not an event type of the contracts.
    const unknown: EventHandlers<null> = { 'requests.NotAType': () => undefined };
    expect([wrong, right, unknown].every((h) => typeof h === 'object')).toBe(true);
  });
});
