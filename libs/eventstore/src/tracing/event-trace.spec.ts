import { canonicalJson } from '@custos/contracts';
import { startAppendSpan, traceHeadersOf } from './event-trace';

describe('trace context across the bus (issue 15)', () => {
  const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('stores no trace context with an append when no service exports traces', () => {
    expect(startAppendSpan('requests', ['requests.RequestFiled'])).toBeUndefined();
  });

  it("gives Kafka the envelope's traceparent and tracestate as headers, and nothing for an envelope without", () => {
    expect(traceHeadersOf(canonicalJson({ id: 'e-1', trace: { traceparent, tracestate: 'vendor=1' } }))).toEqual({ headers: { traceparent, tracestate: 'vendor=1' } });
    expect(traceHeadersOf(canonicalJson({ id: 'e-2', payload: { note: 'traceparent' } }))).toEqual({});
    expect(traceHeadersOf(canonicalJson({ id: 'e-3' }))).toEqual({});
  });
});
